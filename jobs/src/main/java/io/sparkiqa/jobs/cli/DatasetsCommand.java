package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.contracts.OutputFolder;
import io.sparkiqa.jobs.datasets.DatasetAdapters;
import io.sparkiqa.jobs.datasets.SyntheticLadder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sparkiqa datasets}: build manifests: the synthetic ladder and corpus generators here, the MOS
 * dataset adapters ({@link DatasetAdapters#ALL}) through {@code prepare}. Without a subcommand it prints
 * the usage and what each adapter reads.
 */
@Command(name = "datasets", mixinStandardHelpOptions = true, description = "Build manifests from datasets.",
    subcommands = {DatasetsCommand.Ladder.class, DatasetsCommand.Corpus.class, PrepareCommand.class})
final class DatasetsCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("usage: sparkiqa datasets ladder|gencorpus --photos DIR --out URI, or datasets prepare ...");
    System.out.println("       sparkiqa datasets prepare --dataset NAME --labels URI --images URI --out URI");
    System.out.println("NAME:");
    DatasetAdapters.ALL.forEach(a -> System.out.printf("  %-10s %s%n", a.name(), a.description()));
  }

  /** Writes a generator's files to {@code out} (any Hadoop URI) and says where its manifest of {@code rows} went. */
  private static void publish(String out, SparkOptions spark, java.util.function.Function<OutputFolder, String> write,
                              int rows) {
    try (OutputFolder folder = OutputFolder.of(out, spark.hadoopConf())) {
      String manifest = write.apply(folder);
      folder.publish();
      System.out.println("wrote " + manifest + " (" + rows + " rows)");
    }
  }

  /** Writes the synthetic distortion ladder and its manifest.jsonl. */
  @Command(name = "ladder", mixinStandardHelpOptions = true,
      description = {"Write the synthetic distortion ladder: each photo x {jpeg, blur, noise} x 5 levels, with",
          "mos = severity rank (5 mildest .. 1 worst; a synthetic ranking, not human opinion), plus one truncated file."})
  static final class Ladder implements Callable<Integer> {
    @Option(names = "--photos", required = true, paramLabel = "DIR", description = "Folder of pristine PNG photos (e.g. data/kodak).")
    Path photos;

    @Option(names = "--ids", paramLabel = "A,B", split = ",",
        defaultValue = "kodim01,kodim03,kodim05,kodim07,kodim13,kodim15,kodim19,kodim23",
        description = "Photo names without extension (default: the quickstart's eight: ${DEFAULT-VALUE}).")
    List<String> ids;

    @Option(names = "--out", required = true, paramLabel = "URI",
        description = "Folder for the images and manifest.jsonl: a local path or any Hadoop URI (file://, s3a://, hdfs://).")
    String out;

    @Mixin SparkOptions spark;

    @Option(names = "--seed", defaultValue = "20261126", description = "Seed of the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
      List<Path> files = new ArrayList<>();
      for (String id : ids) {
        Path p = photos.resolve(id + ".png");
        if (!Files.isRegularFile(p)) {
          throw new IllegalArgumentException("--photos " + photos + ": no " + id + ".png");
        }
        files.add(p);
      }
      publish(out, spark, folder -> SyntheticLadder.write(files, folder, seed), files.size() * 15 + 1);
      return 0;
    }
  }

  /** Writes the synthetic generated-image corpus (for audits) and its manifest.jsonl. */
  @Command(name = "gencorpus", mixinStandardHelpOptions = true,
      description = {"Write a synthetic generated-image corpus: 512x384 crops of each photo through six pseudo-generators",
          "(gen-a clean, gen-b/c/d blur sigma 1/2/4, gen-e noise sigma 15, gen-f JPEG q10) with pseudo-prompts,",
          "plus an exact duplicate, a grey and an RGBA image and four broken rows. No mos: audit it."})
  static final class Corpus implements Callable<Integer> {
    @Option(names = "--photos", required = true, paramLabel = "DIR", description = "Folder of PNG photos (e.g. data/kodak).")
    Path photos;

    @Option(names = "--limit", defaultValue = "24", description = "Use the first N photos by name (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--out", required = true, paramLabel = "URI",
        description = "Folder for the images and manifest.jsonl: a local path or any Hadoop URI (file://, s3a://, hdfs://).")
    String out;

    @Mixin SparkOptions spark;

    @Option(names = "--seed", defaultValue = "20261126", description = "Seed of the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws java.io.IOException {
      List<Path> files;
      try (java.util.stream.Stream<Path> s = Files.list(photos)) {
        files = s.filter(p -> p.toString().endsWith(".png")).sorted().limit(limit).toList();
      }
      if (files.isEmpty()) {
        throw new IllegalArgumentException("--photos " + photos + ": no .png photos");
      }
      publish(out, spark, folder -> io.sparkiqa.jobs.datasets.GeneratedCorpus.write(files, folder, seed),
          files.size() * 6 + 7);
      return 0;
    }
  }
}
