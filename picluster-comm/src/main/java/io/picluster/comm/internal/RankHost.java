package io.picluster.comm.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.BiFunction;

/**
 * Where this copy of the library runs: in a process of its own (the usual case), or as one rank of
 * several that share a JVM as threads (picluster's threads mode). A process takes its environment
 * from {@link System#getenv()}, leaves through a shutdown hook and ends with
 * {@link Runtime#halt(int)}. None of that suits a rank that is a thread, so there the rank's host
 * answers instead.
 *
 * <p>The contract, which needs nothing but the JDK: in threads mode every rank loads this class
 * (and every class of the library that holds a rank's state) with a class loader of its own, and
 * that loader implements
 * {@code java.util.function.BiFunction<String, Object, Object>}, called with
 * <ul>
 *   <li>{@code ("environment", null)}: returns the rank's environment, a {@code Map<String, String>};
 *   <li>{@code ("exchange", null)}: returns a {@code ConcurrentMap<String, Object>} shared by the
 *       job's ranks in this JVM (and by no other job), where they leave JDK objects for one another;
 *   <li>{@code ("pmi", Consumer<String> replies)}: when the job's PMI server runs in this JVM,
 *       connects the rank to it and returns the {@code Consumer<String>} that takes its request
 *       lines (null: close); the server hands each reply line to {@code replies} (null: closed).
 *       Returns null when the server runs elsewhere;
 *   <li>{@code ("atExit", Runnable)}: runs the action when the rank ends (its {@code main} returns,
 *       or it calls {@code System.exit}), before the rank's exit is reported;
 *   <li>{@code ("onStop", Runnable)}: runs the action when the job is being stopped, to cut the
 *       rank's connections so its threads can end;
 *   <li>{@code ("halt", Integer)}: ends the rank at once with that exit code; does not return.
 * </ul>
 */
public final class RankHost {
  private static final BiFunction<String, Object, Object> HOST = find();

  private RankHost() {}

  @SuppressWarnings("unchecked")
  private static BiFunction<String, Object, Object> find() {
    ClassLoader loader = RankHost.class.getClassLoader();
    return loader instanceof BiFunction ? (BiFunction<String, Object, Object>) loader : null;
  }

  /** True when this rank is a thread of a JVM shared with other ranks. */
  public static boolean isThread() {
    return HOST != null;
  }

  /** This rank's environment. */
  @SuppressWarnings("unchecked")
  public static Map<String, String> environment() {
    return HOST == null ? System.getenv() : (Map<String, String>) HOST.apply("environment", null);
  }

  /**
   * Where the job's ranks in this JVM leave JDK objects for one another (each has its own copy of
   * this library, so only JDK types mean the same to all); null for a process.
   */
  @SuppressWarnings("unchecked")
  public static ConcurrentMap<String, Object> exchange() {
    return HOST == null ? null : (ConcurrentMap<String, Object>) HOST.apply("exchange", null);
  }

  /**
   * This rank's request sink to the job's PMI server when that runs in this JVM (the launcher's);
   * null for a process, or when the server is elsewhere.
   */
  @SuppressWarnings("unchecked")
  public static Consumer<String> pmi(Consumer<String> replies) {
    return HOST == null ? null : (Consumer<String>) HOST.apply("pmi", replies);
  }

  /** Runs {@code action} when this rank ends: a shutdown hook for a process. */
  public static void atExit(Runnable action, String name) {
    if (HOST == null) {
      Runtime.getRuntime().addShutdownHook(new Thread(action, name));
    } else {
      HOST.apply("atExit", action);
    }
  }

  /** Runs {@code action} when the job stops this rank (threads mode only; a process is killed). */
  public static void onStop(Runnable action) {
    if (HOST != null) {
      HOST.apply("onStop", action);
    }
  }

  /** Ends this rank at once with {@code code}: the process, or just this rank's threads. */
  public static void halt(int code) {
    if (HOST == null) {
      Runtime.getRuntime().halt(code);
    } else {
      HOST.apply("halt", code);
    }
    throw new IllegalStateException("halt(" + code + ") returned"); // the host throws instead
  }
}
