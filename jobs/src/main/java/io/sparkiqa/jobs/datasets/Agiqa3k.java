package io.sparkiqa.jobs.datasets;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * AGIQA-3K (AI-generated images): {@code data.csv} with the quality MOS {@code mos_quality} (0-5) and its
 * {@code std_quality} as the target; the alignment MOS, the prompt, its adjectives and the style are kept
 * in {@code attrs} for grouping, and the file name {@code GENERATOR_VARIANT_PROMPT.jpg} (e.g.
 * {@code sd1.5_lowstep_000.jpg}) gives {@code attrs.generator}, {@code attrs.variant} and {@code attrs.prompt_id}
 * (the number as written, {@code 000}).
 *
 * <p>No official split: by default the split is by prompt, so that no test prompt is seen in training
 * ({@link PromptSplit}, seed 0, or {@code --split-seed}; {@code --test-fraction} 0.2 = 20 of 100 hash buckets).
 * A name without that pattern is rejected.
 */
final class Agiqa3k extends OneLabelFile {
  /** GENERATOR_VARIANT_PROMPT.ext; the generator may contain dots ({@code sd1.5}) but no underscore after it. */
  static final String NAME = "^(.+)_([^_]+)_([0-9]+)\\.[A-Za-z]+$";

  Agiqa3k() {
    super("agiqa3k", "AGIQA-3K: 2,982 AI-generated images; data.csv, quality MOS 0-5 (alignment MOS, prompt, generator, "
            + "variant in attrs); split by prompt (80/20, seed 0; --split-seed)",
        new Layout("name", "mos_quality", "std_quality", "agiqa3k-quality-0-5", 0, 5,
            List.of("mos_align", "std_align", "prompt", "adj1", "adj2", "style")));
  }

  @Override
  Column split(String name, DatasetAdapters.Options o) {
    long seed = o.splitSeed() == null ? PromptSplit.DEFAULT_SEED : o.splitSeed();
    return PromptSplit.column(part(name, 3), seed, o.testFraction());
  }

  @Override
  List<Column> extraAttrs(String name) {
    return List.of(lit("generator"), part(name, 1), lit("variant"), part(name, 2), lit("prompt_id"), part(name, 3));
  }

  @Override
  Dataset<Row> checked(Dataset<Row> raw, String name) {
    Column bad = col("`" + name + "`").isNotNull().and(col("`" + name + "`").rlike(NAME).unary_$bang());
    return raw.withColumn("_malformed_reason", when(col("_malformed"), col("_malformed_reason"))
            .when(bad, concat(lit("AGIQA-3K name not GENERATOR_VARIANT_PROMPT.jpg: '"), col("`" + name + "`"), lit("'"))))
        .withColumn("_malformed", col("_malformed").or(bad));
  }

  /** Group {@code g} of {@link #NAME} in the name column; null where the name is null or does not match. */
  private static Column part(String name, int g) {
    Column n = col("`" + name + "`");
    return when(n.rlike(NAME), regexp_extract(n, NAME, g));
  }
}
