package io.picluster.launch.threads;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The JVM's {@code System.out}, {@code System.err} and {@code System.in} while ranks run as
 * threads: each write goes to the rank of the writing thread, which cuts it into whole lines of its
 * own (see {@link ThreadRank}); threads of no rank (the launcher's) write through to the original
 * streams. A thread's rank is inherited by the threads it starts; pool threads that no rank started
 * (the common fork-join pool) belong to no rank. Standard input reaches rank 0 only, as in process
 * mode; the other ranks read end-of-file.
 */
final class RankOutput {
  private static final InheritableThreadLocal<ThreadRank> CURRENT = new InheritableThreadLocal<>();
  private static boolean installed;

  private RankOutput() {}

  /** Makes the calling thread (and threads it starts from now on) belong to {@code rank}. */
  static void enter(ThreadRank rank) {
    CURRENT.set(rank);
  }

  /** The calling thread's rank, or null. */
  static ThreadRank current() {
    ThreadRank rank = CURRENT.get();
    if (rank == null && Thread.currentThread().getContextClassLoader() instanceof RankLoader loader) {
      return loader.rank();
    }
    return rank;
  }

  /** Installs the dispatching streams, once per JVM; they stay (threads of no rank see no change). */
  static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    PrintStream out = System.out;
    PrintStream err = System.err;
    InputStream in = System.in;
    System.setOut(new PrintStream(new Dispatch(1, out), false));
    System.setErr(new PrintStream(new Dispatch(2, err), false));
    System.setIn(new RankZeroInput(in));
  }

  /** One stream, dispatched by the writing thread's rank. */
  private static final class Dispatch extends OutputStream {
    private final int stream;
    private final PrintStream original;

    Dispatch(int stream, PrintStream original) {
      this.stream = stream;
      this.original = original;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ThreadRank rank = current();
      if (rank == null) {
        original.write(b, off, len);
      } else {
        rank.write(stream, b, off, len);
      }
    }

    /** A rank's partial line stays pending until its newline, as in process mode. */
    @Override
    public void flush() {
      if (current() == null) {
        original.flush();
      }
    }
  }

  /** Rank 0 reads the launcher's standard input, every other rank end-of-file. */
  private static final class RankZeroInput extends InputStream {
    private final InputStream original;

    RankZeroInput(InputStream original) {
      this.original = original;
    }

    private InputStream source() {
      ThreadRank rank = current();
      return rank == null || rank.readsStdin() ? original : InputStream.nullInputStream();
    }

    @Override
    public int read() throws java.io.IOException {
      return source().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws java.io.IOException {
      return source().read(b, off, len);
    }

    @Override
    public int available() throws java.io.IOException {
      return source().available();
    }
  }
}
