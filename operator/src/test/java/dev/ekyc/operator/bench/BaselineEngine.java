package dev.ekyc.operator.bench;

import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

/**
 * The purge engine of another build (BENCH_BASELINE_CLASSES: its operator/target/classes), run in
 * the same benchmark as this build's engine, on its own identical copy, for a before/after figure
 * from one run. Its classes are loaded child-first, so both engines coexist in one JVM; it is
 * driven by reflection through the public API both builds share (TablePurge, ColumnErasure,
 * SqlPurgeOptions, SqlPurgeEngine).
 */
final class BaselineEngine implements PurgeBench.Contender {
  private final ClassLoader loader;
  private final boolean consent;

  BaselineEngine(Path classes, boolean consent) throws Exception {
    this.loader =
        new ChildFirst(new URL[] {classes.toUri().toURL()}, BaselineEngine.class.getClassLoader());
    this.consent = consent;
  }

  /** The baseline for a workload when -Dbench.baselineClasses is set; otherwise none. */
  static List<PurgeBench.Contender> forWorkload(boolean consent) throws Exception {
    String classes = System.getProperty("bench.baselineClasses");
    return classes == null || classes.isBlank()
        ? List.of()
        : List.of(new BaselineEngine(Path.of(classes), consent));
  }

  @Override
  public String name() {
    return "engine (baseline)";
  }

  @Override
  public void purge(BenchDb db, String database, String table) throws Exception {
    Class<?> role = loader.loadClass("dev.ekyc.operator.policy.Mechanism$Role");
    Object primary = role.getField("PRIMARY").get(null);
    Class<?> purgeType = loader.loadClass("dev.ekyc.operator.policy.TablePurge");
    Class<?> erasureType = loader.loadClass("dev.ekyc.operator.policy.ColumnErasure");
    Object purge;
    Object erasure = null;
    if (consent) {
      purge = copy(ConsentPurgeTable.purge(table), purgeType);
      erasure = copy(ConsentPurgeTable.erasure(table), erasureType);
    } else {
      purge =
          purgeType.getConstructors()[0].newInstance(
              table,
              "created_at",
              "id",
              Duration.ofDays(PurgeTable.RETENTION_DAYS),
              null,
              null,
              "legal_hold",
              "0 * * * *",
              1000,
              Long.MAX_VALUE,
              primary);
    }
    Class<?> optionsType = loader.loadClass("dev.ekyc.operator.sql.SqlPurgeOptions");
    Object options = optionsType.getMethod("enforce").invoke(null);
    Class<?> engineType = loader.loadClass("dev.ekyc.operator.sql.SqlPurgeEngine");
    try (Connection connection = db.connect(database)) {
      Object engine =
          engineType
              .getConstructor(Connection.class, String.class, optionsType)
              .newInstance(connection, database, options);
      engineType.getMethod("run", purgeType, erasureType).invoke(engine, purge, erasure);
    }
  }

  /**
   * A record of this build rebuilt as the same record of the baseline's classes, component by
   * component.
   */
  private Object copy(Record value, Class<?> type) throws Exception {
    var components = value.getClass().getRecordComponents();
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      Object v = components[i].getAccessor().invoke(value);
      args[i] =
          v instanceof Record r && r.getClass().getName().startsWith("dev.ekyc.")
              ? copy(r, loader.loadClass(r.getClass().getName()))
              : v instanceof Enum<?> e && e.getClass().getName().startsWith("dev.ekyc.")
                  ? loader.loadClass(e.getDeclaringClass().getName()).getField(e.name()).get(null)
                  : v;
    }
    Constructor<?> constructor = type.getDeclaredConstructors()[0];
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (c.getParameterCount() == args.length) {
        constructor = c;
      }
    }
    return constructor.newInstance(args);
  }

  /**
   * Loads the operator's classes from the baseline first; everything else (JDBC, logging) from the
   * bench.
   */
  private static final class ChildFirst extends URLClassLoader {
    ChildFirst(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("dev.ekyc.operator.") || name.startsWith("dev.ekyc.operator.bench.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          try {
            loaded = findClass(name);
          } catch (ClassNotFoundException e) {
            loaded = super.loadClass(name, false);
          }
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }
  }
}
