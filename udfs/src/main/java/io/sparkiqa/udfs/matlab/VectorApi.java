package io.sparkiqa.udfs.matlab;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Where the incubating Vector API ({@code jdk.incubator.vector}) may be used: only when the JVM was started
 * with {@code --add-modules=jdk.incubator.vector} (scripts/sparkiqa, the cluster profiles, the tests) and
 * {@code -Dsparkiqa.scalar=true} is not set. Classes that use it are loaded by name, only then; their
 * scalar counterparts give the same bits.
 */
public final class VectorApi {
  private VectorApi() {
  }

  /** Whether the module is present (and not switched off). */
  public static boolean available() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && !Boolean.getBoolean("sparkiqa.scalar");
  }

  /**
   * A new instance of the named Vector API class (in the package of {@code lookup}, which must be the
   * caller's {@code MethodHandles.lookup()}) when {@link #available()}, else (or when it cannot be linked)
   * {@code scalar}. The tests check that their JVM gets the Vector API class.
   */
  public static <T> T orScalar(MethodHandles.Lookup lookup, String className, Class<T> type, T scalar) {
    if (!available()) {
      return scalar;
    }
    try {
      Class<?> c = lookup.findClass(className);
      return type.cast(lookup.findConstructor(c, MethodType.methodType(void.class)).invoke());
    } catch (ReflectiveOperationException | LinkageError e) {
      return scalar;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot create " + className, e);
    }
  }
}
