package io.picluster.it.mpi;

import static io.picluster.it.ranks.Check.equal;
import static io.picluster.it.ranks.Check.fails;
import static io.picluster.it.ranks.Check.that;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import mpi.CartComm;
import mpi.Comm;
import mpi.GraphComm;
import mpi.Info;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Message;
import mpi.Prequest;
import mpi.Request;
import mpi.ShiftParms;
import mpi.Status;

/**
 * The communicating half of package mpi in Open MPI's vocabulary (lowerCamel calls, arrays and
 * java.nio buffers without offsets, collectives on Comm, in-place forms), on any number of ranks:
 * rank 0 prints "ompi checks passed on N ranks" only if every result is right.
 */
public final class FacadeOmpiChecks {
  private final Intracomm world;
  private final int rank;
  private final int size;

  private FacadeOmpiChecks() throws MPIException {
    this.world = MPI.COMM_WORLD;
    this.rank = world.getRank();
    this.size = world.getSize();
  }

  public static void main(String[] args) throws MPIException {
    int provided = MPI.InitThread(args, MPI.THREAD_MULTIPLE);
    equal(provided, MPI.THREAD_MULTIPLE, "the thread level provided");
    FacadeOmpiChecks c = new FacadeOmpiChecks();
    c.environment();
    c.pointToPoint();
    c.buffers();
    c.nonBlocking();
    c.matchedProbe();
    c.collectives();
    c.inPlace();
    c.communicators();
    c.topologies();
    c.errors();
    c.world.barrier();
    if (c.rank == 0) {
      System.out.println("ompi checks passed on " + c.size + " ranks");
    }
    MPI.Finalize();
    that(MPI.isFinalized(), "isFinalized after Finalize");
  }

  private int next() {
    return (rank + 1) % size;
  }

  private int previous() {
    return (rank - 1 + size) % size;
  }

  private void environment() throws MPIException {
    that(MPI.isInitialized() && !MPI.isFinalized(), "initialized, not finalized");
    equal(MPI.queryThread(), MPI.THREAD_MULTIPLE, "queryThread");
    that(MPI.isThreadMain(), "isThreadMain");
    that(!MPI.getProcessorName().isEmpty(), "a processor name");
    equal(MPI.COMM_SELF.getSize(), 1, "COMM_SELF");
    equal(world.getName(), "MPI_COMM_WORLD", "COMM_WORLD's name");
    that(!world.isInter() && !world.isNull(), "COMM_WORLD is a live intracommunicator");
    equal(world.getAttr(MPI.TAG_UB), Integer.MAX_VALUE, "TAG_UB");
    that(MPI.REQUEST_NULL.isNull(), "REQUEST_NULL is null");
  }

  private void pointToPoint() throws MPIException {
    int[] in = new int[3];
    Request r = world.iRecv(IntBuffer.wrap(in), 3, MPI.INT, previous(), 1);
    world.send(new int[] {rank, 1, 2}, 3, MPI.INT, next(), 1);
    Status s = r.waitStatus();
    equal(in, new int[] {previous(), 1, 2}, "send/iRecv");
    equal(s.getSource(), previous(), "getSource");
    equal(s.getCount(MPI.INT), 3, "getCount");

    double[] d = new double[2];
    Status t = world.sendRecv(new double[] {rank, 0.5}, 2, MPI.DOUBLE, next(), 2, d, 2, MPI.DOUBLE, previous(), 2);
    equal(d, new double[] {previous(), 0.5}, "sendRecv");
    equal(t.getTag(), 2, "getTag");
    long[] buf = {rank, 7};
    world.sendRecvReplace(buf, 2, MPI.LONG, next(), 3, previous(), 3);
    equal(buf, new long[] {previous(), 7}, "sendRecvReplace");

    if (size > 1 && rank < 2) {
      if (rank == 0) {
        world.sSend(new int[] {3}, 1, MPI.INT, 1, 4);
      } else {
        int[] v = new int[1];
        world.recv(v, 1, MPI.INT, 0, 4);
        equal(v[0], 3, "sSend");
      }
    }
  }

  /** Buffers: slices honour arrayOffset, direct buffers and a ByteBuffer holding ints work too. */
  private void buffers() throws MPIException {
    int[] backing = {-1, -1, rank, rank + 1, -1};
    IntBuffer slice = MPI.slice(backing, 2);
    IntBuffer direct = MPI.newIntBuffer(2);
    Request r = world.iRecv(direct, 2, MPI.INT, previous(), 10);
    world.send(slice, 2, MPI.INT, next(), 10);
    r.waitFor();
    equal(direct.get(0) + "," + direct.get(1), previous() + "," + (previous() + 1), "slice to direct buffer");

    ByteBuffer bytes = MPI.newByteBuffer(8);
    bytes.putInt(0, rank * 3).putInt(4, 9);
    int[] got = new int[2];
    Request q = world.iRecv(IntBuffer.wrap(got), 2, MPI.INT, previous(), 11);
    world.send(bytes, 2, MPI.INT, next(), 11);
    q.waitFor();
    equal(got, new int[] {previous() * 3, 9}, "ints from a ByteBuffer");

    DoubleBuffer out = DoubleBuffer.wrap(new double[] {1.25, rank});
    DoubleBuffer in = MPI.newDoubleBuffer(2);
    in.position(1); // Open MPI ignores the position
    world.sendRecv(out, 2, MPI.DOUBLE, next(), 12, in, 2, MPI.DOUBLE, previous(), 12);
    equal(in.get(0) + "," + in.get(1), 1.25 + "," + (double) previous(), "position is ignored");
  }

  private void nonBlocking() throws MPIException {
    IntBuffer[] ins = new IntBuffer[4];
    Request[] rs = new Request[4];
    for (int i = 0; i < 4; i++) {
      ins[i] = MPI.newIntBuffer(1);
      rs[i] = world.iRecv(ins[i], 1, MPI.INT, previous(), 20 + i);
    }
    for (int i = 3; i >= 0; i--) {
      IntBuffer b = MPI.newIntBuffer(1);
      b.put(0, i * 10 + rank);
      world.iSend(b, 1, MPI.INT, next(), 20 + i).waitFor();
    }
    int done = 0;
    boolean[] seen = new boolean[4];
    while (done < 4) {
      int i = Request.waitAny(rs);
      that(!seen[i], "waitAny gives each index once");
      seen[i] = true;
      equal(ins[i].get(0), i * 10 + previous(), "waitAny's request " + i);
      that(rs[i].isNull(), "a completed request is null");
      done++;
    }
    equal(Request.waitAny(rs), MPI.UNDEFINED, "waitAny with no active request");

    IntBuffer p = MPI.newIntBuffer(1);
    IntBuffer q = MPI.newIntBuffer(1);
    Prequest send = world.sendInit(p, 1, MPI.INT, next(), 30);
    Prequest recv = world.recvInit(q, 1, MPI.INT, previous(), 30);
    for (int round = 0; round < 3; round++) {
      p.put(0, round + rank);
      Prequest.startAll(new Prequest[] {recv, send});
      Request.waitAll(new Request[] {send, recv});
      equal(q.get(0), round + previous(), "persistent round " + round);
    }
    IntBuffer never = MPI.newIntBuffer(1);
    Request r = world.iRecv(never, 1, MPI.INT, MPI.ANY_SOURCE, 31);
    that(!r.test(), "test() is false while incomplete");
    r.cancel();
    that(r.waitStatus().isCancelled(), "cancelled");
    that(Request.testAll(new Request[] {MPI.REQUEST_NULL}), "testAll on null requests");
  }

  private void matchedProbe() throws MPIException {
    world.send(new short[] {1, 2, 3, 4}, 4, MPI.SHORT, next(), 40);
    Message m = new Message();
    that(m.isNull(), "a new message is null");
    Status s = m.mProbe(previous(), 40, world);
    equal(s.getCount(MPI.SHORT), 4, "mProbe count");
    short[] in = new short[s.getCount(MPI.SHORT)];
    m.mRecv(in, in.length, MPI.SHORT);
    equal(in, new short[] {1, 2, 3, 4}, "mRecv");
    that(world.iProbe(MPI.ANY_SOURCE, 41) == null, "iProbe finds nothing");
    Message none = new Message();
    none.mProbe(MPI.PROC_NULL, 0, world);
    that(none.isNoProc(), "mProbe of PROC_NULL");
  }

  private void collectives() throws MPIException {
    int[] b = new int[2];
    if (rank == 0) {
      b[0] = 5;
      b[1] = 6;
    }
    world.bcast(b, 2, MPI.INT, 0);
    equal(b, new int[] {5, 6}, "bcast");

    int[] all = new int[size];
    world.gather(new int[] {rank * 2}, 1, MPI.INT, all, 1, MPI.INT, 0);
    if (rank == 0) {
      for (int i = 0; i < size; i++) {
        equal(all[i], 2 * i, "gather " + i);
      }
    }
    int[] one = new int[1];
    world.scatter(all, 1, MPI.INT, one, 1, MPI.INT, 0);
    equal(one[0], rank * 2, "scatter");

    double[] sum = new double[1];
    world.allReduce(new double[] {rank}, sum, 1, MPI.DOUBLE, MPI.SUM);
    equal(sum[0], size * (size - 1) / 2.0, "allReduce");
    IntBuffer direct = MPI.newIntBuffer(1);
    direct.put(0, 1);
    IntBuffer total = MPI.newIntBuffer(1);
    Request r = world.iAllReduce(direct, total, 1, MPI.INT, MPI.SUM);
    r.waitFor();
    equal(total.get(0), size, "iAllReduce");

    int[] scanned = new int[1];
    world.scan(new int[] {1}, scanned, 1, MPI.INT, MPI.SUM);
    equal(scanned[0], rank + 1, "scan");
    int[] ex = {-7};
    world.exScan(new int[] {1}, ex, 1, MPI.INT, MPI.SUM);
    equal(ex[0], rank == 0 ? -7 : rank, "exScan (rank 0's buffer untouched)");

    int[] send = new int[size];
    java.util.Arrays.fill(send, rank);
    int[] block = new int[1];
    world.reduceScatterBlock(send, block, 1, MPI.INT, MPI.MAX);
    equal(block[0], size - 1, "reduceScatterBlock");

    int[] counts = new int[size];
    int[] displs = new int[size];
    for (int i = 0; i < size; i++) {
      counts[i] = 1;
      displs[i] = size - 1 - i; // reversed placement
    }
    int[] got = new int[size];
    world.allToAllv(send, counts, displs, MPI.INT, got, counts, displs, MPI.INT);
    for (int i = 0; i < size; i++) {
      equal(got[size - 1 - i], i, "allToAllv from " + i);
    }
  }

  private void inPlace() throws MPIException {
    int[] all = new int[size];
    all[rank] = rank + 100;
    world.allGather(all, 1, MPI.INT);
    for (int i = 0; i < size; i++) {
      equal(all[i], i + 100, "in-place allGather " + i);
    }
    int[] v = {rank, 1};
    world.allReduce(v, 2, MPI.INT, MPI.SUM);
    equal(v, new int[] {size * (size - 1) / 2, size}, "in-place allReduce");
    int[] w = {rank + 1};
    world.reduce(w, 1, MPI.INT, MPI.PROD, 0);
    if (rank == 0) {
      long fact = 1;
      for (int i = 1; i <= size; i++) {
        fact *= i;
      }
      equal((long) w[0], fact, "in-place reduce at the root");
    }
    int[] g = new int[size];
    g[rank] = rank * 7;
    if (rank == 0) {
      world.gather(g, 1, MPI.INT, 0);
      for (int i = 0; i < size; i++) {
        equal(g[i], i * 7, "in-place gather " + i);
      }
    } else {
      world.gather(new int[] {rank * 7}, 1, MPI.INT, null, 0, MPI.INT, 0);
    }
  }

  private void communicators() throws MPIException {
    Intracomm odd = world.split(rank % 2 == 1 ? 1 : MPI.UNDEFINED, rank);
    if (rank % 2 == 1) {
      equal(odd.getSize(), size / 2, "split");
      that(!odd.isNull(), "a member gets a live communicator");
    } else {
      that(odd.isNull(), "a rank left out gets a null communicator");
    }
    Comm copy = world.dup();
    equal(Comm.compare(copy, world), MPI.CONGRUENT, "dup is congruent");
    Intracomm same = world.create(world.getGroup());
    equal(same.getSize(), size, "create with the whole group");
    if (rank % 2 == 1) { // only the members call createGroup
      int[] odds = new int[size / 2];
      for (int i = 0; i < odds.length; i++) {
        odds[i] = 2 * i + 1;
      }
      Intracomm group = world.createGroup(world.getGroup().incl(odds), 77);
      equal(group.getRank(), rank / 2, "createGroup keeps the group's order");
      int[] sum = new int[1];
      group.allReduce(new int[] {rank}, sum, 1, MPI.INT, MPI.SUM);
      equal(sum[0], (size / 2) * (size / 2), "allReduce over createGroup's communicator");
    }
    Intracomm dupped = world.dupWithInfo(new Info());
    dupped.free();
    that(dupped.isNull(), "a freed communicator is null");
  }

  private void topologies() throws MPIException {
    int[] dims = new int[1];
    CartComm.createDims(size, dims);
    CartComm ring = world.createCart(dims, new boolean[] {true}, false);
    ShiftParms sp = ring.shift(0, 1);
    equal(sp.getRankSource() + "," + sp.getRankDest(), previous() + "," + next(), "shift");
    equal(ring.getCoords(rank)[0], rank, "getCoords");
    equal(ring.getTopo().getDim(0), size, "getTopo");
    int[] from = new int[2];
    ring.neighborAllGather(new int[] {rank}, 1, MPI.INT, from, 1, MPI.INT);
    equal(from, new int[] {previous(), next()}, "neighborAllGather on a ring");
    int[] to = {rank * 10, rank * 10 + 1};
    int[] got = new int[2];
    ring.neighborAllToAll(to, 1, MPI.INT, got, 1, MPI.INT);
    equal(got, new int[] {previous() * 10 + 1, next() * 10}, "neighborAllToAll on a ring");

    int[] index = new int[size];
    int[] edges = new int[size];
    for (int i = 0; i < size; i++) {
      index[i] = i + 1;
      edges[i] = (i + 1) % size;
    }
    GraphComm g = world.createGraph(index, edges, false);
    equal(g.getNeighbors(rank), new int[] {next()}, "getNeighbors");
    equal(g.getDims().getIndexCount(), size, "getDims");
    GraphComm dg = world.createDistGraphAdjacent(new int[] {previous()}, new int[] {next()}, MPI.INFO_NULL, false);
    equal(dg.getDistGraphNeighbors().getSource(0), previous(), "dist graph source");
    equal(dg.getTopology(), MPI.DIST_GRAPH, "DIST_GRAPH");
  }

  private void errors() throws MPIException {
    Comm c = world.dup();
    c.setErrhandler(MPI.ERRORS_RETURN);
    fails(MPIException.class, "not a rank", () -> c.send(new int[1], 1, MPI.INT, size, 0), "bad dest");
    fails(MPIException.class, "tag", () -> c.send(new int[1], 1, MPI.INT, 0, -5), "bad tag");
  }
}
