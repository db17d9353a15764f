package io.sparkiqa.udfs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.udfs.image.ImageDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The shipped default model {@code conf/models/agiqa_nr} through the Java model lane (OpenCV decode, PIL-bicubic
 * shorter side 512, 3 x 3 grid of 224 crops, DJL ONNX Runtime, mean over crops) equals the Python pipeline
 * (scripts/fixtures/make_agiqa_sample.py: PIL, NumPy, onnxruntime) within 1e-4 on 12 committed AGIQA-3K images whose
 * Python scores spread by at least 1e-2.
 */
class AgiqaNrParityTest {

  @Test
  void javaScoresEqualThePythonPipeline() throws Exception {
    Path sample = Path.of(getClass().getResource("/agiqa3k-sample/expected.csv").toURI()).getParent();
    List<String> lines = Files.readAllLines(sample.resolve("expected.csv"));
    assertEquals("name,score,mos_quality", lines.get(0));
    assertEquals(12, lines.size() - 1);
    String spec = TestSupport.repoRoot().resolve("conf/models/agiqa_nr.json").toString();
    ModelMetric m = new ModelMetric(ModelSpecs.load(spec, new Configuration()), spec, new Configuration());
    assertTrue(m.spec().preprocess().startsWith("shorter_side512-pil-bicubic/grid9x224x224/RGB/"), m.spec().preprocess());
    ImageDecoder decoder = ImageDecoder.withDefaults();
    double maxDiff = 0;
    DoubleSummaryStatistics python = new DoubleSummaryStatistics();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      double expected = Double.parseDouble(f[1]);
      double java = m.score(decoder.decode(Files.readAllBytes(sample.resolve(f[0]))).image(), null).score();
      maxDiff = Math.max(maxDiff, Math.abs(java - expected));
      python.accept(expected);
    }
    System.out.printf("agiqa_nr parity: max |Java - Python| = %.3g over %d images (Python scores spread %.3g)%n",
        maxDiff, python.getCount(), python.getMax() - python.getMin());
    assertTrue(maxDiff <= 1e-4, "Java vs Python max |diff| " + maxDiff);
    assertTrue(python.getMax() - python.getMin() >= 1e-2, "Python scores must spread by >= 1e-2");
  }
}
