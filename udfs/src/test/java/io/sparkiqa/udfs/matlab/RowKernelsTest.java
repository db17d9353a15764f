package io.sparkiqa.udfs.matlab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API row kernels give the same bits (and the same near-zero flags) as the scalar ones (the code
 * used where the {@code jdk.incubator.vector} module is absent), on widths that leave a scalar tail after the
 * lanes.
 */
class RowKernelsTest {
  private static final Window WINDOW = Window.gaussian(7, 7.0 / 6.0);

  @Test
  void theTestJvmUsesTheVectorKernels() {
    // surefire passes --add-modules=jdk.incubator.vector, so the comparisons below compare two implementations
    assertEquals("VectorRowKernels", RowKernels.get().getClass().getSimpleName());
    assertEquals(RowKernels.class, RowKernels.scalar().getClass());
  }

  @Test
  void separableMomentsImresizeAndMscnRowsAreBitIdenticalToScalar() {
    for (int[] size : new int[][] {{37, 23}, {130, 61}, {7, 9}}) {
      GreyImage img = random(size[0], size[1]);
      for (Padding p : Padding.values()) {
        double[][] vector = moments(img, p, RowKernels.get());
        double[][] scalar = moments(img, p, RowKernels.scalar());
        assertBits(scalar[0], vector[0]);
        assertBits(scalar[1], vector[1]);
        double[] outV = new double[img.v().length];
        double[] outS = new double[img.v().length];
        for (int y = 0; y < img.height(); y++) {
          double[] mu = java.util.Arrays.copyOfRange(vector[0], y * img.width(), (y + 1) * img.width());
          double[] m2 = java.util.Arrays.copyOfRange(vector[1], y * img.width(), (y + 1) * img.width());
          for (double near : new double[] {1e-6, 20, 300}) {
            assertEquals(RowKernels.scalar().mscn(img.v(), y * img.width(), mu, m2, img.width(), outS, near),
                RowKernels.get().mscn(img.v(), y * img.width(), mu, m2, img.width(), outV, near), "near " + near);
          }
        }
        assertBits(outS, outV);
      }
      assertBits(half(img, RowKernels.scalar()), half(img, RowKernels.get()));
    }
  }

  /** imresizeHalf with scratch arrays full of garbage, which it must overwrite. */
  private static double[] half(GreyImage img, RowKernels kernels) {
    int oh = (img.height() + 1) / 2;
    double[] tmp = new double[img.width() * oh];
    double[] out = new double[(img.width() + 1) / 2 * oh];
    java.util.Arrays.fill(tmp, Double.NaN);
    java.util.Arrays.fill(out, Double.NaN);
    double[] v = Matlab.imresizeHalf(img, kernels, tmp, out).v();
    assertBits(Matlab.imresizeHalf(img).v(), v);
    return v;
  }

  private static double[][] moments(GreyImage img, Padding p, RowKernels kernels) {
    double[] mu = new double[img.v().length];
    double[] m2 = new double[img.v().length];
    SeparableMoments.compute(img, WINDOW, p, kernels, mu, m2);
    return new double[][] {mu, m2};
  }

  private static GreyImage random(int w, int h) {
    SplittableRandom rnd = new SplittableRandom(w * 31L + h);
    double[] v = new double[w * h];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextInt(256);
    }
    return new GreyImage(w, h, v);
  }

  private static void assertBits(double[] expected, double[] actual) {
    long[] e = java.util.Arrays.stream(expected).mapToLong(Double::doubleToRawLongBits).toArray();
    long[] a = java.util.Arrays.stream(actual).mapToLong(Double::doubleToRawLongBits).toArray();
    assertArrayEquals(e, a);
  }
}
