package io.sparkiqa.udfs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.image.RgbImage;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** exposure, noise_sigma and colorfulness against closed forms, known noise and the kodak-distorted crops. */
class TechnicalAttributesTest {
  private static RgbImage resource(String name) throws Exception {
    try (InputStream in = TechnicalAttributesTest.class.getResourceAsStream("/kodak-distorted/" + name)) {
      return ImageDecoder.withDefaults().decode(in.readAllBytes()).image();
    }
  }

  private static RgbImage fill(int w, int h, int r, int g, int b) {
    byte[] p = new byte[3 * w * h];
    for (int i = 0; i < p.length; i += 3) {
      p[i] = (byte) r;
      p[i + 1] = (byte) g;
      p[i + 2] = (byte) b;
    }
    return new RgbImage(w, h, p);
  }

  @Test
  void noiseSigmaOrdersRefBelowNoise10BelowNoise25OnAllFourCrops() throws Exception {
    Metric m = MetricTable.get("noise_sigma");
    for (String h : new String[] {"h01", "h02", "h03", "h04"}) {
      double ref = m.score(resource(h + "_ref.png"), null).score();
      double n10 = m.score(resource(h + "_noise10.png"), null).score();
      double n25 = m.score(resource(h + "_noise25.png"), null).score();
      assertTrue(ref < n10 && n10 < n25, h + ": " + ref + " < " + n10 + " < " + n25);
    }
  }

  @Test
  void noiseSigmaEstimatesKnownNoiseOnFlatGreyWithin20Percent() throws Exception {
    Metric m = MetricTable.get("noise_sigma");
    SplittableRandom rnd = new SplittableRandom(42);
    for (double sigma : new double[] {2, 5, 10, 20}) {
      int w = 256;
      int h = 256;
      byte[] p = new byte[3 * w * h];
      for (int i = 0; i < w * h; i++) {
        double g = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
        byte v = (byte) Math.max(0, Math.min(255, Math.round(128 + sigma * g)));
        Arrays.fill(p, 3 * i, 3 * i + 3, v);
      }
      double est = m.score(new RgbImage(w, h, p), null).score();
      assertEquals(sigma, est, 0.2 * sigma, "sigma " + sigma);
    }
    assertEquals(0.0, m.score(fill(8, 8, 90, 90, 90), null).score());
  }

  @Test
  void colorfulnessClosedForms() throws Exception {
    Metric m = MetricTable.get("colorfulness");
    // uniform colour: no spread, M = 0.3 sqrt(rg^2 + yb^2)
    assertEquals(0.3 * Math.sqrt(200.0 * 200 + 50.0 * 50), m.score(fill(4, 4, 250, 50, 100), null).score(), 1e-12);
    assertEquals(0.0, m.score(fill(4, 4, 77, 77, 77), null).score(), 0);
    // half red, half blue: rg in {255, 0}, yb in {127.5, -255}
    RgbImage two = new RgbImage(2, 1, new byte[] {(byte) 255, 0, 0, 0, 0, (byte) 255});
    double sd = Math.sqrt(127.5 * 127.5 + 191.25 * 191.25);
    double mu = Math.sqrt(127.5 * 127.5 + 63.75 * 63.75);
    assertEquals(sd + 0.3 * mu, m.score(two, null).score(), 1e-12);
  }

  @Test
  void exposureOfAGreyRampAndItsClipping() throws Exception {
    int w = 256;
    byte[] p = new byte[3 * w * 2];
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < w; x++) {
        Arrays.fill(p, 3 * (y * w + x), 3 * (y * w + x) + 3, (byte) x);
      }
    }
    MetricResult r = MetricTable.get("exposure").score(new RgbImage(w, 2, p), null);
    assertEquals(127.5, r.score(), 1e-9);
    assertEquals(1.0 / 256, r.diagnostics().get("clipped_low"), 1e-15);
    assertEquals(1.0 / 256, r.diagnostics().get("clipped_high"), 1e-15);
  }
}
