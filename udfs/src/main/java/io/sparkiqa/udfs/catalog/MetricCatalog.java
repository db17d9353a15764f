package io.sparkiqa.udfs.catalog;

import io.sparkiqa.udfs.io.Sha256;
import io.sparkiqa.udfs.metrics.Metric;
import io.sparkiqa.udfs.metrics.MetricTable;
import io.sparkiqa.udfs.models.ModelMetric;
import io.sparkiqa.udfs.models.ModelOutput;
import io.sparkiqa.udfs.models.ModelSpec;
import io.sparkiqa.udfs.models.ModelSpecs;
import io.sparkiqa.udfs.models.SharedForward;
import io.sparkiqa.udfs.models.ShippedSpec;
import io.sparkiqa.udfs.models.TaskResources;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;

/**
 * Every metric a command can use: the built-in native metrics ({@link MetricTable}) plus the scores of the model
 * specs named on the command line, each its own entry ({@link CatalogEntry}; a spec with several {@code outputs}
 * gives several). Built once on the driver before Spark starts and shipped with the job (it travels as the specs'
 * text, {@link ShippedSpec}); immutable: a change gives a new catalog.
 *
 * <pre>{@code
 * MetricCatalog c = MetricCatalog.of(List.of(shipped));           // driver, after reading and checking the spec
 * boolean lower = c.entry("kodak_nr").spec().lowerBetter();
 * Metric m = c.metric("kodak_nr", hadoopConf, resources);          // executor
 * }</pre>
 */
public final class MetricCatalog implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final MetricCatalog BUILT_IN = new MetricCatalog(List.of());

  private final ArrayList<ShippedSpec> specs;
  /** Derived from the specs; rebuilt after deserialization (Java or Kryo). */
  private transient volatile Map<String, CatalogEntry> entries;

  private MetricCatalog(List<ShippedSpec> specs) {
    this.specs = new ArrayList<>(specs);
    this.entries = index(this.specs);
  }

  /** The built-in metrics alone. */
  public static MetricCatalog builtIn() {
    return BUILT_IN;
  }

  /**
   * The built-in metrics plus these specs' scores. A score named as a built-in metric (the message names the spec),
   * or two specs giving one name (it names both), is refused.
   */
  public static MetricCatalog of(Collection<ShippedSpec> specs) {
    return new MetricCatalog(List.copyOf(specs));
  }

  /** The specs, in the order given. */
  public List<ShippedSpec> specs() {
    return Collections.unmodifiableList(specs);
  }

  /** This catalog with every spec replaced by {@code change} of it (where the job finds the model files). */
  public MetricCatalog mapSpecs(UnaryOperator<ShippedSpec> change) {
    return new MetricCatalog(specs.stream().map(change).toList());
  }

  public boolean contains(String name) {
    return byName().containsKey(name);
  }

  /** The entry called {@code name}; the exception lists the known names. */
  public CatalogEntry entry(String name) {
    CatalogEntry e = byName().get(name);
    if (e == null) {
      throw new IllegalArgumentException("unknown metric '" + name + "'; known here: " + String.join(", ", byName().keySet())
          + " (or give a model spec file conf/models/NAME.json)");
    }
    return e;
  }

  /** Every entry: built-in metrics first, then the specs' scores. */
  public Collection<CatalogEntry> entries() {
    return byName().values();
  }

  /** The names the spec with this id gives (its id, or its outputs' ids). */
  public List<String> namesOf(ShippedSpec spec) {
    return byName().values().stream().filter(e -> spec.equals(e.shipped())).map(CatalogEntry::name).toList();
  }

  /**
   * A scorer for {@code name}: the built-in metric, or the deep model's score reading its model file through
   * {@code conf} and running where {@code resources} say.
   */
  public Metric metric(String name, Configuration conf, TaskResources resources) {
    return metrics(List.of(name), conf, resources).get(0);
  }

  /**
   * Scorers for {@code names}, in order, for one task: the scores of one multi-output spec share their
   * preprocessing and forward passes ({@link SharedForward}).
   */
  public List<Metric> metrics(List<String> names, Configuration conf, TaskResources resources) {
    Map<ShippedSpec, SharedForward> shared = new java.util.HashMap<>();
    List<Metric> out = new ArrayList<>(names.size());
    for (String name : names) {
      CatalogEntry e = entry(name);
      if (!e.deep()) {
        out.add(MetricTable.get(name));
        continue;
      }
      ModelSpec spec = e.shipped().spec();
      List<ModelOutput> outputs = ModelSpecs.outputs(e.shipped().source(), spec);
      ModelOutput output = outputs.stream().filter(o -> o.id().equals(name)).findFirst().orElseThrow();
      SharedForward s = outputs.size() == 1 ? null : shared.computeIfAbsent(e.shipped(), k -> new SharedForward());
      out.add(new ModelMetric(spec, output, e.shipped().source(), conf, resources, s));
    }
    return out;
  }

  private Map<String, CatalogEntry> byName() {
    Map<String, CatalogEntry> e = entries;
    if (e == null) {
      e = index(specs);
      entries = e;
    }
    return e;
  }

  private static Map<String, CatalogEntry> index(List<ShippedSpec> specs) {
    Map<String, CatalogEntry> m = new LinkedHashMap<>();
    MetricTable.specs().forEach(s -> m.put(s.name(), new CatalogEntry(s, null, null, null, null)));
    Map<String, String> from = new LinkedHashMap<>();
    for (ShippedSpec shipped : specs) {
      ModelSpec spec = shipped.spec();
      String specSha = Sha256.hex(shipped.json().getBytes(StandardCharsets.UTF_8));
      for (ModelOutput o : ModelSpecs.outputs(shipped.source(), spec)) {
        if (MetricTable.contains(o.id())) {
          throw new IllegalArgumentException(shipped.source() + ": model id '" + o.id() + "' is the name of a built-in "
              + "metric; give the spec another id");
        }
        String other = from.putIfAbsent(o.id(), shipped.source());
        if (other != null) {
          throw new IllegalArgumentException("two specs give the model id '" + o.id() + "': " + other + " and "
              + shipped.source());
        }
        m.put(o.id(), new CatalogEntry(ModelMetric.metricSpec(spec, o), shipped, spec.engine(), spec.sha256(), specSha));
      }
    }
    return Collections.unmodifiableMap(m);
  }
}
