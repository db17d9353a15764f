package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.contracts.RunInfo;
import io.sparkiqa.jobs.datasets.DatasetAdapters;
import io.sparkiqa.jobs.manifest.ManifestStage;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sparkiqa datasets prepare}: official label files -> canonical manifest (Parquet) + rejects. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
    description = {"Turn a MOS dataset's official label file(s) and an image root into the canonical manifest.",
        "Writes OUT/manifest/ (Parquet; use it as run --manifest OUT/manifest) and OUT/rejects/ (line numbers, reasons)."})
final class PrepareCommand implements Callable<Integer> {
  @Option(names = "--dataset", required = true, paramLabel = "NAME", completionCandidates = DatasetNames.class,
      description = "One of ${COMPLETION-CANDIDATES} (`sparkiqa datasets` says what each reads).")
  String dataset;

  @Option(names = "--labels", required = true, paramLabel = "URI",
      description = {"Label file (any Hadoop URI). flive: labels_image.csv, then labels640.csv for the test split.",
          "tid2013: TID2013.txt, then optionally the MOS std file (one line per row, same order)."})
  List<String> labels;

  @Option(names = "--images", required = true, paramLabel = "URI",
      description = "Image root the label file's names are relative to (KonIQ-10k: the 1024x768 or the 512x384 folder).")
  String images;

  @Option(names = "--out", required = true, paramLabel = "URI", description = "Output folder.")
  String out;

  @Option(names = "--overwrite", description = "Replace an existing --out.")
  boolean overwrite;

  @Option(names = "--koniq-acr", description = "KonIQ-10k: use the 1-5 ACR mean as mos (needs the official scores_and_distributions layout).")
  boolean koniqAcr;

  @Option(names = "--split-seed", paramLabel = "N",
      description = "SPAQ, CLIVE have no official split: assign train/test by a seeded hash of the name. AGIQA-3K is "
          + "split by prompt, seed 0 unless given here.")
  Long splitSeed;

  @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2", description = "Test share with --split-seed (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    DatasetAdapters.byName(dataset); // an unknown name fails here, before Spark starts
    if (testFraction <= 0 || testFraction >= 1) {
      throw new IllegalArgumentException("--test-fraction must be in (0, 1), got " + testFraction);
    }
    Configuration hc = spark.hadoopConf();
    for (String l : labels) {
      Preflight.inputExists(hc, "--labels", l);
    }
    Preflight.output(hc, out, false, overwrite);
    SparkSession s = spark.session("sparkiqa datasets prepare");
    try {
      ManifestValidator.Split split = DatasetAdapters.prepare(s, dataset, labels, images,
          new DatasetAdapters.Options(koniqAcr, splitSeed, testFraction), RunInfo.newRunId());
      split.valid().coalesce(4).write().mode(SaveMode.ErrorIfExists).parquet(out + "/manifest");
      long rejected = ManifestStage.writeRejects(s, split, out);
      long ok = s.read().parquet(out + "/manifest").count();
      System.out.printf("%s: %d manifest rows, %d rejected -> %s/manifest%n", dataset, ok, rejected, out);
      return 0;
    } finally {
      s.stop();
    }
  }

  /** The {@code --dataset} names for help and shell completion: those of {@link DatasetAdapters#ALL}. */
  static final class DatasetNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return DatasetAdapters.NAMES.iterator();
    }
  }
}
