package io.sparkiqa.jobs.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.sparkiqa.jobs.manifest.ManifestReader;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import io.sparkiqa.jobs.score.ModelSelection;
import io.sparkiqa.jobs.score.ScoreJob;
import io.sparkiqa.jobs.spark.Sessions;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.io.ImageBytes;
import io.sparkiqa.udfs.metrics.BatchMetric;
import io.sparkiqa.udfs.models.ModelSpec;
import io.sparkiqa.udfs.models.ModelSpecs;
import io.sparkiqa.udfs.models.Preprocess;
import io.sparkiqa.udfs.models.TaskResources;
import io.sparkiqa.udfs.score.ImageLoader;
import io.sparkiqa.udfs.score.ScoreRequest;
import io.sparkiqa.udfs.score.TimeBudget;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The model benchmark (scripts/bench_models.sh), per model spec, on the same JPEGs, model load excluded:
 * <ol>
 *   <li>the score job on {@code local[2]} (intra-op threads 1 per task; decode ahead, batching, Parquet
 *       write and the count reconciliation included), after a warm-up job that loads the model;</li>
 *   <li>bare ONNX Runtime (the same library DJL uses) with 2 intra-op threads on pre-decoded, preprocessed
 *       tensors in batches of the spec's {@code batch.max};</li>
 *   <li>decode + preprocess alone, 2 threads (read, decode, the spec's preprocessing; no model).</li>
 * </ol>
 * Also: the job's own pipeline (decode, batching, model, head) on 2 threads without Spark, to show what Spark
 * adds (target: job >= 0.9 x pipeline). Prints images/s for each and the job's ratios, and for the job its Spark
 * jobs, its stages and its CPU per image by thread (against the pipeline's). Arguments: image folder, then
 * {@code spec.json:copies} pairs (the timed job sees each image {@code copies} times; the warm-up job and the other
 * measurements up to 5 times, except the pipeline without Spark, which sees the same images as the job). System properties: {@code bench.quick=true} skips bare ORT and decode + preprocess;
 * {@code bench.variants=k=v,k=v;k=v} also times the job under each set of Spark settings, twice round, in turn.
 */
public final class ModelBenchmark {
  private ModelBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
    }
    SparkSession spark = Sessions.create("bench-models", "local[2]", Map.of("spark.ui.enabled", "false",
        "spark.sql.shuffle.partitions", "2"), List.of());
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path out = Files.createDirectories(Path.of("out/bench-models/runs"));
    for (int a = 1; a < args.length; a++) {
      String specUri = Path.of(args[a].substring(0, args[a].lastIndexOf(':'))).toAbsolutePath().toString();
      int copies = Integer.parseInt(args[a].substring(args[a].lastIndexOf(':') + 1));
      ModelSpec spec = ModelSpecs.load(specUri, conf);
      ModelSelection selection = ModelSelection.of(specUri, conf);
      MetricCatalog catalog = selection.catalog();
      String name = selection.names().get(0);
      int n = files.size() * copies;
      System.out.printf(Locale.ROOT, "%n%s (%s, batch %d): %d images of %s per timed run%n", name, Preprocess.id(spec),
          spec.batch().max(), n, "1024x768 JPEG");
      // the steady-state rates need fewer passes than the job, which also pays its start-up and its commit
      int passes = Math.min(copies, 5);
      // warm-up: loads the model, and runs Spark's code paths as often as the pipeline's run before it is timed
      scoreJob(spark, catalog, files, name, passes, out.resolve(name + "-warmup"), quiet);
      double job = n / scoreJob(spark, catalog, files, name, copies, out.resolve(name), quiet);
      String variants = System.getProperty("bench.variants");
      if (variants != null) {
        // paired comparison under the same load: each variant (spark.conf settings, ';' between variants, ',' within)
        // runs in turn, twice round
        for (int round = 0; round < 2; round++) {
          for (String v : variants.split(";")) {
            for (String kv : v.split(",")) {
              spark.conf().set(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
            double r = n / scoreJob(spark, catalog, files, name, copies, out.resolve(name + "-v"), quiet);
            System.out.printf(Locale.ROOT, "  VARIANT %s round %d: %.1f images/s%n", v, round, r);
          }
        }
      }
      double prep = Boolean.getBoolean("bench.quick") ? Double.NaN : decodeAndPreprocess(catalog, files, name, passes, false);
      // the ratio's two sides see the same images: the pipeline runs all of the job's passes
      double pipeline = decodeAndPreprocess(catalog, files, name, copies, true);
      double ort = Boolean.getBoolean("bench.quick") ? Double.NaN : bareOrt(catalog, spec, specUri, files, name, passes);
      System.out.printf(Locale.ROOT, "  score job, local[2], intra-op 1     %8.1f images/s%n", job);
      System.out.printf(Locale.ROOT, "  bare ONNX Runtime, 2 threads       %8.1f images/s   job / bare ORT = %.2f%n", ort,
          job / ort);
      System.out.printf(Locale.ROOT, "  decode + preprocess, 2 threads     %8.1f images/s   job / decode+preprocess = %.2f%n",
          prep, job / prep);
      System.out.printf(Locale.ROOT, "  the job's pipeline without Spark, 2 threads %8.1f images/s   job / pipeline without Spark = %.2f"
          + " (target >= 0.9)%n", pipeline, job / pipeline);
      System.out.printf(Locale.ROOT, "RESULT %s job=%.2f ort=%.2f prep=%.2f pipeline=%.2f%n", name, job, ort, prep, pipeline);
    }
    spark.stop();
  }

  /** Seconds for the score job over {@code copies} passes of the images. */
  private static double scoreJob(SparkSession spark, MetricCatalog catalog, List<Path> files, String model, int copies, Path out, PrintStream quiet)
      throws Exception {
    StringBuilder csv = new StringBuilder("image_id,uri\n");
    for (int c = 0; c < copies; c++) {
      for (Path p : files) {
        csv.append(c).append('-').append(p.getFileName()).append(',').append(p.toAbsolutePath().toUri()).append('\n');
      }
    }
    if (Files.exists(out)) { // a fresh scores/ each run: the job's read-back would otherwise grow run by run
      try (Stream<Path> old = Files.walk(out)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Path manifest = Files.writeString(Files.createDirectories(out).resolve("manifest.csv"), csv);
    Dataset<Row> valid = ManifestValidator.validate(ManifestReader.read(spark, manifest.toUri().toString()), "bench").valid()
        .cache();
    valid.count();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    java.util.concurrent.ConcurrentHashMap<String, long[]> stages = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.ConcurrentHashMap<Integer, Long> jobStart = new java.util.concurrent.ConcurrentHashMap<>();
    List<String> jobs = java.util.Collections.synchronizedList(new ArrayList<>());
    long tRef = System.nanoTime();
    org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart e) {
        jobStart.put(e.jobId(), System.nanoTime());
      }

      @Override
      public void onJobEnd(org.apache.spark.scheduler.SparkListenerJobEnd e) {
        long now = System.nanoTime();
        jobs.add(String.format(Locale.ROOT, "job %d at %d ms: %d ms", e.jobId(), (jobStart.get(e.jobId()) - tRef) / 1_000_000,
            (now - jobStart.get(e.jobId())) / 1_000_000));
      }

      @Override
      public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd e) {
        org.apache.spark.executor.TaskMetrics m = e.taskMetrics();
        long[] a = stages.computeIfAbsent(e.stageId() + "", k -> new long[5]);
        a[0]++;
        a[1] += m.executorRunTime();
        a[2] += m.executorCpuTime() / 1_000_000;
        a[3] += m.executorDeserializeTime();
        a[4] += m.jvmGCTime();
      }
    };
    spark.sparkContext().addSparkListener(listener);
    CpuTally tally = new CpuTally();
    long t = System.nanoTime();
    ScoreJob.run(spark, valid, out.resolve("scores").toUri().toString(), new ScoreJob.Options(List.of(model), catalog,
        ImageDecoder.DEFAULT_MAX_PIXELS, 1L << 30, "bench-" + System.nanoTime(), false), quiet);
    double s = (System.nanoTime() - t) / 1e9;
    spark.sparkContext().removeSparkListener(listener);
    if (!out.getFileName().toString().endsWith("-warmup")) {
      System.out.printf(Locale.ROOT, "  score job used %.2f cores on average (process CPU time / wall time), %.2f ms CPU per image%n",
          (os.getProcessCpuTime() - cpu0) / 1e9 / s, (os.getProcessCpuTime() - cpu0) / 1e6 / (copies * files.size()));
      stages.forEach((k, a) -> System.out.printf(Locale.ROOT, "    stage %s: %d tasks, run %d ms, cpu %d ms, deserialize %d ms, gc %d ms%n",
          k, a[0], a[1], a[2], a[3], a[4]));
      jobs.forEach(j -> System.out.println("    " + j));
      System.out.print(tally.report((long) copies * files.size()));
    }
    valid.unpersist();
    return s;
  }

  @SuppressWarnings("unchecked")
  private static BatchMetric<List<Preprocess.Tensor>> metric(MetricCatalog catalog, String name) {
    return (BatchMetric<List<Preprocess.Tensor>>) catalog.metric(name, new Configuration(), TaskResources.CPU);
  }

  /** Images/s of read + decode + the spec's preprocessing on 2 threads (each its half), after a warm-up pass. */
  private static double decodeAndPreprocess(MetricCatalog catalog, List<Path> files, String name, int copies,
                                            boolean score) throws Exception {
    BatchMetric<List<Preprocess.Tensor>> m = metric(catalog, name);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int pass = 0; pass < 2; pass++) {
        CpuTally tally = new CpuTally();
        long t = System.nanoTime();
        long cpu0 = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
        List<Future<?>> parts = new ArrayList<>();
        int passes = pass == 0 ? 1 : copies;
        for (int w = 0; w < 2; w++) {
          int start = w;
          parts.add(pool.submit(() -> {
            ImageBytes bytes = new ImageBytes(new Configuration(), 1L << 30);
            ImageLoader loader = new ImageLoader(bytes, ImageDecoder.withDefaults(), new TimeBudget(TimeBudget.DEFAULT));
            io.sparkiqa.udfs.score.BatchingScorer scorer = score ? new io.sparkiqa.udfs.score.BatchingScorer(
                new io.sparkiqa.udfs.score.ImageScorer(bytes, ImageDecoder.withDefaults(), List.of(m), "bench", new TimeBudget(TimeBudget.DEFAULT))) : null;
            for (int c = 0; c < passes; c++) {
              for (int i = start; i < files.size(); i += 2) {
                String uri = files.get(i).toUri().toString();
                ImageLoader.Loaded l = loader.load(new ScoreRequest("x" + c + "-" + i, null, uri, null, null, null, null, null));
                if (score) {
                  scorer.offer(l);
                } else {
                  m.prepare(l.image());
                }
              }
            }
            if (score) {
              scorer.finish();
            }
            return null;
          }));
        }
        for (Future<?> f : parts) {
          f.get();
        }
        if (pass == 1) {
          System.out.printf(Locale.ROOT, "  (%s: %.2f ms CPU per image)%n", score ? "pipeline" : "prep",
              (((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                  .getProcessCpuTime() - cpu0) / 1e6 / (files.size() * copies));
          System.out.print(tally.report((long) files.size() * copies));
          return files.size() * copies / ((System.nanoTime() - t) / 1e9);
        }
      }
    } finally {
      pool.shutdown();
    }
    throw new IllegalStateException();
  }

  /** Images/s of ONNX Runtime alone (2 intra-op threads) on the preprocessed tensors, batches of batch.max. */
  private static double bareOrt(MetricCatalog catalog, ModelSpec spec, String specUri, List<Path> files, String name,
                               int copies) throws Exception {
    BatchMetric<List<Preprocess.Tensor>> m = metric(catalog, name);
    ImageLoader loader = new ImageLoader(new ImageBytes(new Configuration(), 1L << 30), ImageDecoder.withDefaults(), new TimeBudget(TimeBudget.DEFAULT));
    List<Preprocess.Tensor> tensors = new ArrayList<>();
    for (Path p : files) {
      tensors.addAll(m.prepare(loader.load(new ScoreRequest("x", null, p.toUri().toString(), null, null, null, null, null))
          .image()));
    }
    int batch = spec.batch().max();
    long[] shape = tensors.get(0).shape().clone();
    int len = tensors.get(0).data().length;
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
      o.setIntraOpNumThreads(2);
      o.setInterOpNumThreads(1);
      if (spec.engineOptions() != null && spec.engineOptions().containsKey("optLevel")) {
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.valueOf(spec.engineOptions().get("optLevel")));
      }
      Path model = Path.of(specUri).getParent().resolve(spec.uri());
      try (OrtSession s = env.createSession(model.toString(), o)) {
        String input = s.getInputNames().iterator().next();
        List<FloatBuffer> batches = new ArrayList<>();
        for (int i = 0; i < tensors.size(); i += batch) {
          int k = Math.min(batch, tensors.size() - i);
          FloatBuffer data = java.nio.ByteBuffer.allocateDirect(4 * len * k).order(java.nio.ByteOrder.nativeOrder())
              .asFloatBuffer();
          for (int j = 0; j < k; j++) {
            data.put(tensors.get(i + j).data());
          }
          batches.add(data.flip());
        }
        long t = 0;
        for (int pass = 0; pass <= copies; pass++) {
          long t0 = System.nanoTime();
          for (FloatBuffer data : batches) {
            shape[0] = data.limit() / len;
            try (OnnxTensor x = OnnxTensor.createTensor(env, data, shape);
                 OrtSession.Result r = s.run(Map.of(input, x))) {
              r.get(0);
            }
          }
          if (pass > 0) {
            t += System.nanoTime() - t0;
          }
        }
        return tensors.size() * copies / (t / 1e9);
      }
    }
  }
}
