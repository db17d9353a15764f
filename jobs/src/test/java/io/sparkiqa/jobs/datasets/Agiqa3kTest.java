package io.sparkiqa.jobs.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AGIQA-3K on the real {@code data.csv}: the default split by prompt, its exact counts (computed independently
 * in Python with the one-liner in {@link PromptSplit}'s Javadoc), no prompt on both sides, the generator and
 * variant attrs, and the reject of a name without a prompt number.
 */
class Agiqa3kTest {
  @TempDir
  static Path tmp;
  static SparkSession spark;
  static Path labels;

  @BeforeAll
  static void start() {
    spark = TestSupport.localSpark();
    labels = TestSupport.copyResources("labels", tmp.resolve("labels"), "agiqa3k_data.csv");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static ManifestValidator.Split prepare(Long seed, Path file) {
    return DatasetAdapters.prepare(spark, "agiqa3k", List.of(file.toString()), "/img/agiqa3k",
        new DatasetAdapters.Options(false, seed, 0.2), "test");
  }

  /** split -> [rows, distinct prompts]; fails if a prompt is in two splits or a row's split breaks the rule. */
  private static Map<String, List<Integer>> splitCounts(ManifestValidator.Split s, long seed) {
    Map<String, Integer> rows = new TreeMap<>();
    Map<String, Set<String>> prompts = new TreeMap<>();
    Map<String, String> splitOfPrompt = new HashMap<>();
    for (Row r : s.valid().select("split", "attrs").collectAsList()) {
      String split = r.getString(0);
      String prompt = r.<scala.collection.Map<String, String>>getAs(1).get("prompt_id").get();
      rows.merge(split, 1, Integer::sum);
      prompts.computeIfAbsent(split, k -> new HashSet<>()).add(prompt);
      String before = splitOfPrompt.put(prompt, split);
      assertTrue(before == null || before.equals(split), "prompt " + prompt + " in " + before + " and " + split);
      assertEquals(PromptSplit.isTest(Integer.parseInt(prompt), seed, 0.2) ? "test" : "train", split, prompt);
    }
    Map<String, List<Integer>> out = new TreeMap<>();
    rows.forEach((k, v) -> out.put(k, List.of(v, prompts.get(k).size())));
    return out;
  }

  private static Map<String, Long> countBy(ManifestValidator.Split s, String expr) {
    Map<String, Long> out = new TreeMap<>();
    s.valid().selectExpr(expr + " as k").groupBy("k").count().collectAsList()
        .forEach(r -> out.put(r.getString(0), r.getLong(1)));
    return out;
  }

  @Test
  void defaultSplitIsByPromptWithSeedZero() {
    ManifestValidator.Split s = prepare(null, labels.resolve("agiqa3k_data.csv"));
    assertEquals(0, s.rejects().count());
    // python3: 2315 train rows / 233 prompts, 667 test rows / 67 prompts at seed 0
    assertEquals(Map.of("test", List.of(667, 67), "train", List.of(2315, 233)), splitCounts(s, 0));
    assertEquals(Map.of("sd1.5", 1200L, "midjourney", 592L, "AttnGAN", 300L, "glide", 300L, "xl2.2", 300L,
        "DALLE2", 290L), countBy(s, "attrs['generator']"));
    assertEquals(Map.of("normal", 1786L, "lowstep", 596L, "highcorr", 300L, "lowcorr", 300L),
        countBy(s, "attrs['variant']"));
    Row r = s.valid().filter("image_id = 'agiqa3k/sd1.5_lowstep_000.jpg'").first();
    scala.collection.Map<String, String> a = r.getAs("attrs");
    assertEquals(List.of("sd1.5", "lowstep", "000", "test"),
        List.of(a.get("generator").get(), a.get("variant").get(), a.get("prompt_id").get(), r.getAs("split")));
    assertEquals("statue of a man", a.get("prompt").get());
  }

  @Test
  void splitSeedOverridesTheSeed() {
    // python3: 2466 train rows / 248 prompts, 516 test rows / 52 prompts at seed 1
    assertEquals(Map.of("test", List.of(516, 52), "train", List.of(2466, 248)),
        splitCounts(prepare(1L, labels.resolve("agiqa3k_data.csv")), 1));
  }

  @Test
  void bucketsEqualPythonHashlib() {
    // int.from_bytes(hashlib.sha256(f"agiqa3k-prompt:{p}:{s}".encode()).digest()[:8], "big") % 100
    assertEquals(List.of(3, 12, 35, 64, 4), List.of(PromptSplit.bucket(0, 0), PromptSplit.bucket(1, 0),
        PromptSplit.bucket(2, 0), PromptSplit.bucket(3, 0), PromptSplit.bucket(299, 0)));
    assertEquals(List.of(27, 36, 33, 49), List.of(PromptSplit.bucket(0, 7), PromptSplit.bucket(1, 7),
        PromptSplit.bucket(299, 7), PromptSplit.bucket(5, -1)));
  }

  @Test
  void aNameWithoutPromptNumberIsRejected() throws Exception {
    Path bad = Files.writeString(tmp.resolve("bad_agiqa.csv"), String.join("\n",
        "name,prompt,adj1,adj2,style,mos_quality,std_quality,mos_align,std_align",
        "glide_normal_012.jpg,a cat,,,,2.5,0.5,3,0.4",
        "glide_normal.jpg,a dog,,,,2.5,0.5,3,0.4",
        "cat.png,a cow,,,,2.5,0.5,3,0.4") + "\n");
    ManifestValidator.Split s = prepare(null, bad);
    Map<Long, String> rejects = new TreeMap<>();
    s.rejects().collectAsList().forEach(r -> rejects.put(r.<Long>getAs("source_line"), r.getAs("reason")));
    assertEquals(Map.of(3L, "AGIQA-3K name not GENERATOR_VARIANT_PROMPT.jpg: 'glide_normal.jpg'",
        4L, "AGIQA-3K name not GENERATOR_VARIANT_PROMPT.jpg: 'cat.png'"), rejects);
    Row ok = s.valid().first();
    assertEquals(List.of("agiqa3k/glide_normal_012.jpg", "test"), List.of(ok.getAs("image_id"), ok.getAs("split")),
        "prompt 12 is in bucket 18 at seed 0");
  }
}
