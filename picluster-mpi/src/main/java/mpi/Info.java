package mpi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hints as key/value strings (Open MPI's {@code Info}). picluster takes no hints, so an Info is only
 * kept and handed back; MPI.INFO_NULL is the null one.
 */
public final class Info implements Freeable, Cloneable {
  private Map<String, String> entries;

  public Info() throws MPIException {
    this.entries = new LinkedHashMap<>();
  }

  private Info(Map<String, String> entries) {
    this.entries = entries;
  }

  /** MPI.INFO_NULL. */
  static Info nullInfo() {
    return new Info(null);
  }

  /** MPI.INFO_ENV: how this process was started (as far as picluster knows it). */
  static Info environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("host", io.picluster.comm.Comm.processorName());
    env.put("arch", System.getProperty("os.arch"));
    env.put("wdir", System.getProperty("user.dir"));
    return new Info(env);
  }

  public synchronized void set(String key, String value) throws MPIException {
    entries().put(checkKey(key), value == null ? "" : value);
  }

  /** The value of {@code key}, or null if it is not set. */
  public synchronized String get(String key) throws MPIException {
    return entries().get(checkKey(key));
  }

  public synchronized void delete(String key) throws MPIException {
    if (entries().remove(checkKey(key)) == null) {
      throw new MPIException(MPI.ERR_INFO_NOKEY, "the info has no key '" + key + "'");
    }
  }

  public synchronized int size() throws MPIException {
    return entries().size();
  }

  /** The {@code i}-th key, in the order keys were first set. */
  public synchronized String getKey(int i) throws MPIException {
    Map<String, String> m = entries();
    if (i < 0 || i >= m.size()) {
      throw new MPIException(MPI.ERR_ARG, "key number " + i + " does not exist (the info has " + m.size() + ")");
    }
    return m.keySet().toArray(new String[0])[i];
  }

  @Override
  public synchronized Info clone() {
    return new Info(entries == null ? null : new LinkedHashMap<>(entries));
  }

  public Info dup() throws MPIException {
    return clone();
  }

  @Override
  public synchronized void free() throws MPIException {
    entries = null;
  }

  public synchronized boolean isNull() {
    return entries == null;
  }

  private Map<String, String> entries() {
    if (entries == null) {
      throw new MPIException(MPI.ERR_INFO, "the info is null (MPI.INFO_NULL or freed)");
    }
    return entries;
  }

  private static String checkKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new MPIException(MPI.ERR_INFO_KEY, "an info key must be a non-empty string");
    }
    return key;
  }
}
