package io.sparkiqa.udfs.models;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded model per (model file sha256, device) per JVM, shared by the tasks of an executor, with one
 * {@link Predictor} per thread (DJL predictors are not thread-safe); everything is closed by
 * {@link #closeAll()} (also on JVM shutdown). DJL runs offline ({@code ai.djl.offline=true}).
 * {@link #engineLoads()} counts real engine loads, not cache hits.
 */
public final class LoadedModels {
  private static final Map<String, ZooModel<Preprocess.Tensor, float[]>> MODELS = new ConcurrentHashMap<>();
  private static final Map<String, ThreadLocal<Predictor<Preprocess.Tensor, float[]>>> PREDICTORS = new ConcurrentHashMap<>();
  private static final Set<Predictor<Preprocess.Tensor, float[]>> OPEN = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger LOADS = new AtomicInteger();

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LoadedModels.class);

  static {
    System.setProperty("ai.djl.offline", "true");
    // ONNX Runtime would otherwise set up PyTorch as its "alternative engine" for NDArray operations it lacks;
    // spark-iqa preprocesses in Java and only hands ORT finished tensors, so an ONNX-only run needs no libtorch
    // (offline, a missing libtorch failed every ONNX model: "Failed to save pytorch index file").
    if (System.getProperty("ai.djl.onnx.disable_alternative") == null) {
      System.setProperty("ai.djl.onnx.disable_alternative", "true");
    }
    Runtime.getRuntime().addShutdownHook(new Thread(LoadedModels::closeAll, "sparkiqa-close-models"));
  }

  private LoadedModels() {
  }

  /**
   * The calling thread's predictor for the model file (loaded once per sha256 and device) on the task's device. The
   * intra-op threads are the task's budget ({@link TaskResources#intraOpThreads}), read when the model loads, on
   * the executor: a metric built on the driver before Spark started would not know it.
   */
  public static Predictor<Preprocess.Tensor, float[]> predictor(ModelSpec spec, Path localFile, TaskResources task) {
    String device = task.device();
    String key = spec.sha256() + "@" + device;
    ZooModel<Preprocess.Tensor, float[]> model = MODELS.computeIfAbsent(key,
        k -> load(spec, localFile, device, task.intraOpThreads()));
    ThreadLocal<Predictor<Preprocess.Tensor, float[]>> local = PREDICTORS.computeIfAbsent(key, k -> new ThreadLocal<>());
    Predictor<Preprocess.Tensor, float[]> p = local.get();
    if (p == null) {
      p = model.newPredictor();
      OPEN.add(p);
      local.set(p);
    }
    return p;
  }

  private static ZooModel<Preprocess.Tensor, float[]> load(ModelSpec spec, Path file, String device, int threads) {
    if ("PyTorch".equals(spec.engine())) {
      // libtorch's thread pools are per process and read once, when the engine starts
      System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads",
          Integer.toString(threads)));
      System.setProperty("ai.djl.pytorch.num_interop_threads", System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
    }
    try {
      Criteria.Builder<Preprocess.Tensor, float[]> c = Criteria.builder().setTypes(Preprocess.Tensor.class, float[].class)
          .optEngine(spec.engine()).optModelPath(file).optTranslator(new TensorTranslator(ReferenceFields.feedNames(spec)))
          .optDevice(device.startsWith("gpu:") ? Device.gpu(Integer.parseInt(device.substring(4))) : Device.cpu())
          .optOption("interOpNumThreads", "1").optOption("intraOpNumThreads", Integer.toString(threads));
      if (spec.engineOptions() != null) {
        spec.engineOptions().forEach(c::optOption);
      }
      long t0 = System.nanoTime();
      ZooModel<Preprocess.Tensor, float[]> m = c.build().loadModel();
      LOADS.incrementAndGet();
      LOG.info("sparkiqa: loaded model {} ({}, sha256 {}) from {} on {} with {} intra-op thread(s) in {} ms", spec.id(),
          spec.engine(), spec.sha256().substring(0, 12), file, device, threads, (System.nanoTime() - t0) / 1_000_000);
      return m;
    } catch (Exception e) {
      throw new LoadException(spec.id() + ": cannot load " + file + " with " + spec.engine() + ": " + e.getMessage(), e);
    }
  }

  /** The engine could not load the model file. */
  public static final class LoadException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    LoadException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Runs one batch through a model loaded for this call only, on the CPU with one thread, and closes it: the
   * driver's dry run ({@link ModelCheck}) must not leave a model in the per-JVM cache with the driver's
   * thread settings (in local mode the executors share this JVM).
   */
  public static float[] predictOnce(ModelSpec spec, Path localFile, Preprocess.Tensor batch) throws ai.djl.translate.TranslateException {
    try (ZooModel<Preprocess.Tensor, float[]> m = load(spec, localFile, "cpu", 1);
         Predictor<Preprocess.Tensor, float[]> p = m.newPredictor()) {
      return p.predict(batch);
    }
  }

  public static int engineLoads() {
    return LOADS.get();
  }

  public static int openPredictors() {
    return OPEN.size();
  }

  /** Closes every predictor and model of this JVM. */
  public static synchronized void closeAll() {
    OPEN.forEach(Predictor::close);
    OPEN.clear();
    PREDICTORS.clear();
    MODELS.values().forEach(ZooModel::close);
    MODELS.clear();
  }

  /**
   * Tensors in (the first, then {@link Preprocess.Tensor#more}, in the model's input order), first output flattened
   * out; no batching inside DJL (the scorer batches). With {@code names} (a full-reference ONNX model) each input
   * carries its name, so ONNX Runtime feeds it by name (DJL's OrtSymbolBlock maps named tensors by name, unnamed
   * ones by position in the file's input order) and the spec's order holds whatever order the file declares. Each input goes through one reused direct buffer per thread
   * and input position: a heap buffer would make the engine allocate and copy a direct one per batch (megabytes
   * each, freed only by the garbage collector).
   */
  private static final class TensorTranslator implements Translator<Preprocess.Tensor, float[]> {
    private static final ThreadLocal<java.util.List<FloatBuffer>> DIRECT = ThreadLocal.withInitial(java.util.ArrayList::new);
    private final java.util.List<String> names;

    TensorTranslator(java.util.List<String> names) {
      this.names = names;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Preprocess.Tensor t) {
      java.util.List<Preprocess.Tensor> inputs = t.inputs();
      java.util.List<FloatBuffer> buffers = DIRECT.get();
      NDList list = new NDList(inputs.size());
      for (int i = 0; i < inputs.size(); i++) {
        Preprocess.Tensor in = inputs.get(i);
        if (buffers.size() <= i) {
          buffers.add(null);
        }
        FloatBuffer b = buffers.get(i);
        if (b == null || b.capacity() < in.data().length) {
          b = java.nio.ByteBuffer.allocateDirect(4 * in.data().length).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
          buffers.set(i, b);
        }
        b.clear();
        b.put(in.data()).flip();
        ai.djl.ndarray.NDArray array = ctx.getNDManager().create(b, new Shape(in.shape()));
        if (names != null) {
          array.setName(names.get(i));
        }
        list.add(array);
      }
      return list;
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
      return list.get(0).toFloatArray();
    }

    @Override
    public Batchifier getBatchifier() {
      return null;
    }
  }
}
