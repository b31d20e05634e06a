package io.picluster.it.mpi.ranks;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;

/**
 * Rank programs that go wrong the ways MPI programs do. Rank 1 misbehaves as args[0] says while
 * the others wait for a message that never comes, so only the failure can end the job; the
 * ERRORS_RETURN modes instead check the exceptions and end normally, rank 0 printing
 * "MODE passed on N ranks".
 */
public class MpiFailing {
  public static void main(String[] args) throws Exception {
    MPI.Init(args);
    Intracomm world = MPI.COMM_WORLD;
    int rank = world.Rank();
    int size = world.Size();
    Expect.rank = rank;
    String mode = args[0];
    world.Barrier();
    switch (mode) {
      case "mpj-errors-return":
        mpjErrorsReturn(world, rank, size);
        break;
      case "ompi-errors-return":
        ompiErrorsReturn(world, rank, size);
        break;
      default:
        if (rank == 1) {
          misbehave(world, mode, size);
        }
        if (mode.equals("truncate") && rank == 0) {
          world.Send(new int[] {1, 2, 3, 4, 5}, 0, 5, MPI.INT, 1, 3);
        }
        world.Recv(new int[1], 0, 1, MPI.INT, (rank + 1) % size, 99); // never sent
    }
    world.Barrier();
    if (rank == 0) {
      System.out.println(mode + " passed on " + size + " ranks");
    }
    MPI.Finalize();
  }

  static void misbehave(Intracomm world, String mode, int size) throws Exception {
    switch (mode) {
      case "mpj-abort":
        world.Abort(7);
        break;
      case "ompi-abort":
        world.abort(9);
        break;
      case "throw":
        throw new IllegalStateException("rank 1 failed on purpose");
      case "bad-rank":
        world.Send(new int[] {1}, 0, 1, MPI.INT, size + 3, 0);
        break;
      case "truncate":
        world.Recv(new int[2], 0, 2, MPI.INT, 0, 3);
        break;
      default:
        throw new IllegalArgumentException("no mode " + mode);
    }
    System.out.println("rank 1 went on after " + mode);
  }

  /** MPJ Express style: the error handler set once for the program. */
  static void mpjErrorsReturn(Intracomm world, int rank, int size) throws Exception {
    MPI.Errorhandler_set(MPI.ERRORS_RETURN);
    Expect.that(MPI.Errorhandler_get() == MPI.ERRORS_RETURN, "Errorhandler_get after Errorhandler_set");
    String m = Expect.throwsMpiException(() -> world.Send(new int[] {1}, 0, 1, MPI.INT, size + 3, 0),
        "Send to rank " + (size + 3));
    Expect.that(m.contains(String.valueOf(size + 3)), "the error names the bad rank " + (size + 3) + ": " + m);
    Expect.throwsMpiException(() -> world.Recv(new int[1], 0, 1, MPI.INT, -17, 0), "Recv from rank -17");
    Expect.throwsMpiException(() -> world.Send(new int[3], 2, 5, MPI.INT, 0, 0), "Send of 5 ints from offset 2 of 3");
    Expect.throwsMpiException(() -> world.Send(new int[3], 0, 3, MPI.DOUBLE, 0, 0), "Send of an int[] as DOUBLE");
    Expect.throwsMpiException(() -> world.Bcast(new int[1], 0, 1, MPI.INT, size), "Bcast from root " + size);
    if (rank == 0) {
      world.Send(new int[] {1, 2, 3}, 0, 3, MPI.INT, size - 1, 4);
    }
    if (rank == size - 1) {
      String t = Expect.throwsMpiException(() -> world.Recv(new int[1], 0, 1, MPI.INT, 0, 4),
          "Recv of 3 ints into room for 1");
      Expect.that(t.toLowerCase().contains("trunc") || t.contains("room for 1"),
          "the error says the message did not fit: " + t);
    }
    // Still working after the errors.
    int[] sum = new int[1];
    world.Allreduce(new int[] {1}, 0, sum, 0, 1, MPI.INT, MPI.SUM);
    Expect.equal(sum[0], size, "Allreduce after the errors");
  }

  /** Open MPI style: setErrhandler on the communicator, error classes on the exceptions. */
  static void ompiErrorsReturn(Intracomm world, int rank, int size) throws Exception {
    Expect.that(world.getErrhandler() == MPI.ERRORS_ARE_FATAL, "ERRORS_ARE_FATAL is the default");
    world.setErrhandler(MPI.ERRORS_RETURN);
    Expect.that(world.getErrhandler() == MPI.ERRORS_RETURN, "getErrhandler after setErrhandler");
    Expect.that(world.dup().getErrhandler() == MPI.ERRORS_RETURN, "dup inherits the error handler");
    Expect.that(world.split(0, rank).getErrhandler() == MPI.ERRORS_RETURN, "split inherits the error handler");
    Expect.that(MPI.COMM_SELF.getErrhandler() == MPI.ERRORS_ARE_FATAL, "COMM_SELF keeps its own error handler");
    // Every error is checked, and every wrong class reported together at the end.
    List<String> wrong = new ArrayList<>();
    expectClass(wrong, MPI.ERR_RANK, "ERR_RANK", () -> world.send(new int[] {1}, 1, MPI.INT, size + 3, 0),
        "send to a bad rank");
    expectClass(wrong, MPI.ERR_TAG, "ERR_TAG", () -> world.send(new int[] {1}, 1, MPI.INT, 0, -5), "send with tag -5");
    expectClass(wrong, MPI.ERR_COUNT, "ERR_COUNT", () -> world.send(new int[] {1}, -1, MPI.INT, 0, 0),
        "send of -1 elements");
    expectClass(wrong, MPI.ERR_BUFFER, "ERR_BUFFER", () -> world.bSend(new int[] {1}, 1, MPI.INT, 0, 0),
        "bSend with no buffer attached");
    MPI.attachBuffer(new byte[MPI.BSEND_OVERHEAD + 16]);
    expectClass(wrong, MPI.ERR_BUFFER, "ERR_BUFFER", () -> world.bSend(new int[1000], 1000, MPI.INT, 0, 0),
        "bSend larger than the attached buffer");
    MPI.detachBuffer();
    expectClass(wrong, MPI.ERR_ROOT, "ERR_ROOT", () -> world.bcast(new int[1], 1, MPI.INT, size), "bcast from a bad root");
    Expect.throwsMpiException(() -> world.send(new int[2], 5, MPI.INT, 0, 0), "send of 5 ints from an int[2]");
    Expect.throwsMpiException(() -> world.send(new long[2], 2, MPI.INT, 0, 0), "send of a long[] as INT");
    Expect.throwsMpiException(() -> world.iSend(MPI.newIntBuffer(2), 3, MPI.INT, 0, 0), "iSend of 3 ints from a buffer of 2");
    if (rank == 0) {
      world.send(new int[] {1, 2, 3}, 3, MPI.INT, size - 1, 4);
    }
    if (rank == size - 1) {
      IntBuffer small = MPI.newIntBuffer(1);
      expectClass(wrong, MPI.ERR_TRUNCATE, "ERR_TRUNCATE", () -> world.recv(small, 1, MPI.INT, 0, 4),
          "recv of 3 ints into room for 1");
    }
    int[] sum = new int[1];
    world.allReduce(new int[] {1}, sum, 1, MPI.INT, MPI.SUM);
    Expect.equal(sum[0], size, "allReduce after the errors");
    if (!wrong.isEmpty()) {
      throw Expect.fail("wrong error classes: " + String.join("; ", wrong));
    }
  }

  static void expectClass(List<String> wrong, int expected, String name, Expect.Body body, String what) {
    try {
      body.run();
      wrong.add(what + ": no exception");
    } catch (MPIException e) {
      if (e.getErrorClass() != expected) {
        wrong.add(what + ": class " + e.getErrorClass() + ", not " + name + " (" + expected + "): " + e.getMessage());
      }
    } catch (Throwable t) {
      wrong.add(what + ": " + t + " instead of mpi.MPIException");
    }
  }
}
