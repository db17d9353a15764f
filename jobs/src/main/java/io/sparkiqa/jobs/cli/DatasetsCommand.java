package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.datasets.SyntheticLadder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sparkiqa datasets}: build manifests (the synthetic ladder here; MOS dataset adapters later). */
@Command(name = "datasets", mixinStandardHelpOptions = true, description = "Build manifests from datasets.",
    subcommands = {DatasetsCommand.Ladder.class, PrepareCommand.class})
final class DatasetsCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("usage: sparkiqa datasets ladder --photos DIR --out DIR");
    System.out.println("       sparkiqa datasets prepare --dataset NAME --labels URI --images URI --out URI");
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

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Local folder for images and manifest.jsonl.")
    Path out;

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
      Path manifest = SyntheticLadder.write(files, out, seed);
      System.out.println("wrote " + manifest + " (" + (files.size() * 15 + 1) + " rows)");
      return 0;
    }
  }
}
