package io.sparkiqa.udfs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The port of torch.nn.functional.interpolate against PyTorch's CPU output (scripts/fixtures/
 * make_interpolate_fixtures.py): bilinear and bicubic, antialias on and off, down and up, 24 cases. The
 * tolerance 2e-6 is float32 rounding on values in [0, 1] (PyTorch accumulates some passes in float32, the
 * port in double); a wrong tap, weight or index moves values by more than 1e-3 (checked: antialias swapped).
 */
class TorchInterpolateTest {
  private record Case(int mode, boolean aa, int h, int w, float[] data) {
  }

  private static Case[] cases() throws Exception {
    try (InputStream in = TorchInterpolateTest.class.getResourceAsStream("/torch-interpolate/cases.bin")) {
      ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
      Case[] out = new Case[b.getInt()];
      for (int i = 0; i < out.length; i++) {
        int mode = b.getInt();
        boolean aa = b.getInt() == 1;
        int h = b.getInt();
        int w = b.getInt();
        float[] d = new float[3 * h * w];
        b.asFloatBuffer().get(d);
        b.position(b.position() + 4 * d.length);
        out[i] = new Case(mode, aa, h, w, d);
      }
      return out;
    }
  }

  @Test
  void equalsPytorchOnEveryCase() throws Exception {
    Case[] cs = cases();
    TorchInterpolate.Planes input = new TorchInterpolate.Planes(cs[0].data(), 3, cs[0].h(), cs[0].w());
    double worst = 0;
    double swappedAa = Double.POSITIVE_INFINITY;
    for (int i = 1; i < cs.length; i++) {
      Case c = cs[i];
      TorchInterpolate.Mode mode = c.mode() == 0 ? TorchInterpolate.Mode.BILINEAR : TorchInterpolate.Mode.BICUBIC;
      float[] got = TorchInterpolate.resize(input, c.h(), c.w(), mode, c.aa()).data();
      assertEquals(c.data().length, got.length);
      double diff = maxDiff(got, c.data());
      assertTrue(diff <= 2e-6, "case " + i + " " + mode + " aa=" + c.aa() + " " + c.w() + "x" + c.h() + ": " + diff);
      worst = Math.max(worst, diff);
      if (c.h() < cs[0].h() && c.w() < cs[0].w()) {
        swappedAa = Math.min(swappedAa, maxDiff(TorchInterpolate.resize(input, c.h(), c.w(), mode, !c.aa()).data(), c.data()));
      }
    }
    assertTrue(swappedAa > 1e-3, "antialias must matter when downsizing: " + swappedAa);
    System.out.printf("torch interpolate: worst |Java - PyTorch| %.3g over %d cases; antialias swapped >= %.3g%n", worst,
        cs.length - 1, swappedAa);
  }

  private static double maxDiff(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
