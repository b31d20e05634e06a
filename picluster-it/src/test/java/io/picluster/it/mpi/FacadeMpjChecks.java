package io.picluster.it.mpi;

import static io.picluster.it.ranks.Check.equal;
import static io.picluster.it.ranks.Check.fails;
import static io.picluster.it.ranks.Check.that;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import mpi.Cartcomm;
import mpi.Comm;
import mpi.Datatype;
import mpi.Graphcomm;
import mpi.Group;
import mpi.Intercomm;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Op;
import mpi.Prequest;
import mpi.Request;
import mpi.ShiftParms;
import mpi.Status;
import mpi.User_function;

/**
 * The communicating half of package mpi in MPJ Express's vocabulary (capitalised calls, element
 * offsets), on any number of ranks: rank 0 prints "mpj checks passed on N ranks" only if every
 * result is right; a wrong one throws, and the rank exits non-zero.
 */
public final class FacadeMpjChecks {
  private final Intracomm world;
  private final int rank;
  private final int size;

  private FacadeMpjChecks() {
    this.world = MPI.COMM_WORLD;
    this.rank = world.Rank();
    this.size = world.Size();
  }

  public static void main(String[] args) throws Exception {
    String[] rest = MPI.Init(args);
    equal(rest, args, "Init returns the arguments unchanged");
    FacadeMpjChecks c = new FacadeMpjChecks();
    c.environment();
    c.pointToPoint();
    c.allTypes();
    c.anySource();
    c.world.Barrier(); // so the ANY_TAG receives take no later message
    c.ordering();
    c.procNull();
    c.synchronous();
    c.buffered();
    c.cancel();
    c.waitany();
    c.persistent();
    c.sendrecv();
    c.derived();
    c.probe();
    c.collectives();
    c.reductions();
    c.communicators();
    c.topologies();
    c.intercomm();
    c.errors();
    c.world.Barrier();
    if (c.rank == 0) {
      System.out.println("mpj checks passed on " + c.size + " ranks");
    }
    MPI.Finalize();
  }

  private int next() {
    return (rank + 1) % size;
  }

  private int previous() {
    return (rank - 1 + size) % size;
  }

  private void environment() {
    that(MPI.Initialized(), "Initialized after Init");
    that(!MPI.Get_processor_name().isEmpty(), "a processor name");
    that(MPI.COMM_SELF.Size() == 1 && MPI.COMM_SELF.Rank() == 0, "COMM_SELF is this rank alone");
    that(MPI.isMainThread(), "Init ran on this thread");
    equal(MPI.COMM_WORLD.Topo_test(), MPI.UNDEFINED, "no topology on COMM_WORLD");
    equal(MPI.COMM_WORLD.Test_inter(), false, "COMM_WORLD is an intracommunicator");
  }

  private void pointToPoint() {
    int[] out = {0, 0, rank, rank + 1, rank + 2, rank + 3, 0};
    int[] in = new int[9];
    Request r = world.Irecv(in, 3, 4, MPI.INT, previous(), 11);
    world.Send(out, 2, 4, MPI.INT, next(), 11);
    Status s = r.Wait();
    int p = previous();
    equal(in, new int[] {0, 0, 0, p, p + 1, p + 2, p + 3, 0, 0}, "ring of ints at offsets");
    equal(s.source, p, "status.source");
    equal(s.tag, 11, "status.tag");
    equal(s.Get_count(MPI.INT), 4, "Get_count");
    that(r.Is_null(), "a completed request is null");
    equal(r.Wait().source, MPI.ANY_SOURCE, "waiting on an inactive request gives the empty status");

    // a receive with room for more gets fewer
    double[] d = new double[11];
    world.Isend(new double[] {1.5, 2.5}, 0, 2, MPI.DOUBLE, next(), 12);
    Status got = world.Recv(d, 1, 10, MPI.DOUBLE, previous(), 12);
    equal(got.Get_count(MPI.DOUBLE), 2, "a short message's count");
    equal(d[1] + d[2], 4.0, "doubles");
  }

  private void allTypes() {
    byte[] b = {1, 2, 3};
    char[] c = {'x', 'y'};
    short[] sh = {7, -7};
    boolean[] bo = {true, false, true};
    long[] l = {Long.MAX_VALUE, rank};
    float[] f = {0.5f, rank};
    Object[] o = {"from " + rank, java.util.List.of(rank)};
    Request[] sends = {
        world.Isend(b, 0, 3, MPI.BYTE, next(), 20), world.Isend(c, 0, 2, MPI.CHAR, next(), 21),
        world.Isend(sh, 0, 2, MPI.SHORT, next(), 22), world.Isend(bo, 0, 3, MPI.BOOLEAN, next(), 23),
        world.Isend(l, 0, 2, MPI.LONG, next(), 24), world.Isend(f, 0, 2, MPI.FLOAT, next(), 25),
        world.Isend(o, 0, 2, MPI.OBJECT, next(), 26)};
    byte[] b2 = new byte[3];
    char[] c2 = new char[2];
    short[] sh2 = new short[2];
    boolean[] bo2 = new boolean[3];
    long[] l2 = new long[2];
    float[] f2 = new float[2];
    Object[] o2 = new Object[3];
    world.Recv(b2, 0, 3, MPI.BYTE, previous(), 20);
    world.Recv(c2, 0, 2, MPI.CHAR, previous(), 21);
    world.Recv(sh2, 0, 2, MPI.SHORT, previous(), 22);
    world.Recv(bo2, 0, 3, MPI.BOOLEAN, previous(), 23);
    world.Recv(l2, 0, 2, MPI.LONG, previous(), 24);
    world.Recv(f2, 0, 2, MPI.FLOAT, previous(), 25);
    Status s = world.Recv(o2, 1, 2, MPI.OBJECT, previous(), 26);
    Request.Waitall(sends);
    equal(b2, b, "bytes");
    equal(c2, c, "chars");
    equal(sh2, sh, "shorts");
    equal(bo2, bo, "booleans");
    equal(l2, new long[] {Long.MAX_VALUE, previous()}, "longs");
    equal(f2, new float[] {0.5f, previous()}, "floats");
    equal(o2, new Object[] {null, "from " + previous(), java.util.List.of(previous())}, "objects at an offset");
    equal(s.Get_count(MPI.OBJECT), 2, "object count");
  }

  private void anySource() {
    if (rank != 0) {
      world.Send(new int[] {rank * 10}, 0, 1, MPI.INT, 0, 100 + rank);
      return;
    }
    Set<Integer> seen = new HashSet<>();
    for (int i = 1; i < size; i++) {
      int[] v = new int[1];
      Status s = world.Recv(v, 0, 1, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
      equal(s.tag, 100 + s.source, "tag of sender");
      equal(v[0], s.source * 10, "value of sender");
      seen.add(s.source);
    }
    equal(seen.size(), size - 1, "one message from every other rank");
  }

  private void ordering() {
    for (int i = 0; i < 200; i++) {
      world.Send(new int[] {i}, 0, 1, MPI.INT, next(), 30);
    }
    for (int i = 0; i < 200; i++) {
      int[] v = new int[1];
      world.Recv(v, 0, 1, MPI.INT, previous(), 30);
      equal(v[0], i, "message " + i + " in order");
    }
  }

  private void procNull() {
    world.Send(new int[1], 0, 1, MPI.INT, MPI.PROC_NULL, 1);
    int[] v = {42};
    Status s = world.Recv(v, 0, 1, MPI.INT, MPI.PROC_NULL, 1);
    equal(s.source, MPI.PROC_NULL, "PROC_NULL source");
    equal(s.Get_count(MPI.INT), 0, "PROC_NULL count");
    equal(v[0], 42, "PROC_NULL leaves the buffer alone");
    Status t = world.Irecv(v, 0, 1, MPI.INT, MPI.PROC_NULL, 1).Wait();
    equal(t.source, MPI.PROC_NULL, "non-blocking PROC_NULL source");
    equal(world.Probe(MPI.PROC_NULL, 0).source, MPI.PROC_NULL, "probe of PROC_NULL");
  }

  /** Issend completes only once matched: rank 1 receives it only after a second message. */
  private void synchronous() {
    if (size < 2 || rank > 1) {
      return;
    }
    if (rank == 0) {
      Request r = world.Issend(new int[] {5}, 0, 1, MPI.INT, 1, 40);
      for (int i = 0; i < 50; i++) {
        that(r.Test() == null, "Issend is not complete before the receiver matched it");
      }
      world.Send(new int[] {6}, 0, 1, MPI.INT, 1, 41);
      r.Wait();
      world.Ssend(new int[] {7}, 0, 1, MPI.INT, 1, 42);
    } else {
      int[] v = new int[1];
      world.Recv(v, 0, 1, MPI.INT, 0, 41);
      equal(v[0], 6, "second message first");
      world.Recv(v, 0, 1, MPI.INT, 0, 40);
      equal(v[0], 5, "the synchronous one");
      world.Recv(v, 0, 1, MPI.INT, 0, 42);
      equal(v[0], 7, "Ssend");
    }
  }

  private void buffered() {
    int[] data = new int[100];
    data[99] = rank;
    MPI.Buffer_attach(ByteBuffer.allocate(2 * (400 + MPI.BSEND_OVERHEAD)));
    world.Bsend(data, 0, 100, MPI.INT, next(), 50);
    data[99] = -1; // the message was copied
    world.Bsend(data, 0, 100, MPI.INT, next(), 51);
    world.setErrhandler(MPI.ERRORS_RETURN);
    try {
      fails(MPIException.class, "too small", () -> world.Bsend(new int[1000], 0, 1000, MPI.INT, next(), 52),
          "a Bsend larger than the attached buffer");
    } finally {
      world.setErrhandler(MPI.ERRORS_ARE_FATAL);
    }
    int[] in = new int[100];
    world.Recv(in, 0, 100, MPI.INT, previous(), 50);
    equal(in[99], previous(), "buffered message");
    world.Recv(in, 0, 100, MPI.INT, previous(), 51);
    equal(in[99], -1, "second buffered message");
    MPI.Buffer_detach();
  }

  private void cancel() {
    int[] v = new int[1];
    Request r = world.Irecv(v, 0, 1, MPI.INT, MPI.ANY_SOURCE, 999);
    r.Cancel();
    Status s = r.Wait();
    that(s.Test_cancelled(), "a cancelled receive says so");
  }

  private void waitany() {
    if (rank == 0) {
      Request[] rs = new Request[size - 1];
      int[][] in = new int[size - 1][1];
      for (int i = 1; i < size; i++) {
        rs[i - 1] = world.Irecv(in[i - 1], 0, 1, MPI.INT, i, 60);
      }
      Set<Integer> indexes = new HashSet<>();
      for (int i = 1; i < size; i++) {
        Status s = Request.Waitany(rs);
        equal(in[s.index][0], s.index + 1, "Waitany's index names the request");
        equal(s.source, s.index + 1, "Waitany's source");
        indexes.add(s.index);
      }
      equal(indexes.size(), size - 1, "every request once");
      equal(Request.Waitany(rs).index, MPI.UNDEFINED, "no active request left");
    } else {
      world.Send(new int[] {rank}, 0, 1, MPI.INT, 0, 60);
    }
  }

  private void persistent() {
    int[] out = new int[1];
    int[] in = new int[1];
    Prequest send = world.Send_init(out, 0, 1, MPI.INT, next(), 70);
    Prequest recv = world.Recv_init(in, 0, 1, MPI.INT, previous(), 70);
    for (int round = 0; round < 3; round++) {
      out[0] = rank * 100 + round;
      Prequest.Startall(new Prequest[] {recv, send});
      Request.Waitall(new Request[] {send, recv});
      equal(in[0], previous() * 100 + round, "persistent round " + round);
      that(!recv.Is_null(), "a persistent request stays usable");
    }
  }

  private void sendrecv() {
    int[] in = new int[2];
    Status s = world.Sendrecv(new int[] {rank, -rank}, 0, 2, MPI.INT, next(), 80, in, 0, 2, MPI.INT, previous(), 80);
    equal(in, new int[] {previous(), -previous()}, "Sendrecv");
    equal(s.source, previous(), "Sendrecv status");
    int[] buf = {9, rank, rank + 1, 9};
    world.Sendrecv_replace(buf, 1, 2, MPI.INT, next(), 81, previous(), 81);
    equal(buf, new int[] {9, previous(), previous() + 1, 9}, "Sendrecv_replace");
  }

  private void derived() {
    // every other element, three of them
    Datatype strided = Datatype.Vector(3, 1, 2, MPI.INT);
    strided.Commit();
    int[] src = {rank, -1, rank + 1, -1, rank + 2, -1};
    int[] in = new int[3];
    Request r = world.Irecv(in, 0, 3, MPI.INT, previous(), 90);
    world.Send(src, 0, 1, strided, next(), 90);
    r.Wait();
    int p = previous();
    equal(in, new int[] {p, p + 1, p + 2}, "vector type sent");
    int[] spread = new int[6];
    r = world.Irecv(spread, 0, 1, strided, previous(), 91);
    world.Send(new int[] {rank, rank, rank}, 0, 3, MPI.INT, next(), 91);
    Status s = r.Wait();
    equal(spread, new int[] {p, 0, p, 0, p, 0}, "vector type received");
    equal(s.Get_count(strided), 1, "one vector item");
    equal(s.Get_elements(MPI.INT), 3, "three ints");

    // Pack and Unpack through MPI.PACKED
    byte[] packed = new byte[world.Pack_size(3, MPI.INT) + world.Pack_size(1, MPI.DOUBLE)];
    int pos = world.Pack(new int[] {1, 2, 3}, 0, 3, MPI.INT, packed, 0);
    pos = world.Pack(new double[] {rank + 0.5}, 0, 1, MPI.DOUBLE, packed, pos);
    byte[] got = new byte[packed.length];
    r = world.Irecv(got, 0, got.length, MPI.PACKED, previous(), 92);
    world.Send(packed, 0, pos, MPI.PACKED, next(), 92);
    r.Wait();
    int[] ints = new int[3];
    double[] dbl = new double[1];
    int at = world.Unpack(got, 0, ints, 0, 3, MPI.INT);
    world.Unpack(got, at, dbl, 0, 1, MPI.DOUBLE);
    equal(ints, new int[] {1, 2, 3}, "unpacked ints");
    equal(dbl[0], p + 0.5, "unpacked double");
  }

  private void probe() {
    world.Send(new long[] {1, 2, 3}, 0, 3, MPI.LONG, next(), 95);
    Status s = world.Probe(previous(), 95);
    equal(s.Get_count(MPI.LONG), 3, "probed count");
    long[] in = new long[s.Get_count(MPI.LONG)];
    world.Recv(in, 0, in.length, MPI.LONG, s.source, s.tag);
    equal(in, new long[] {1, 2, 3}, "received after probe");
    that(world.Iprobe(MPI.ANY_SOURCE, 96) == null, "Iprobe finds nothing");
  }

  private void collectives() {
    int[] b = new int[4];
    if (rank == 0) {
      b[2] = 77;
      b[3] = 78;
    }
    world.Bcast(b, 2, 2, MPI.INT, 0);
    equal(b, new int[] {0, 0, 77, 78}, "Bcast at an offset");
    Object[] objs = new Object[1];
    if (rank == size - 1) {
      objs[0] = "root says hi";
    }
    world.Bcast(objs, 0, 1, MPI.OBJECT, size - 1);
    equal(objs[0], "root says hi", "Bcast of objects");

    int[] mine = {rank, rank * rank};
    int[] all = new int[1 + 2 * size];
    world.Gather(mine, 0, 2, MPI.INT, all, 1, 2, MPI.INT, 0);
    if (rank == 0) {
      for (int i = 0; i < size; i++) {
        equal(all[1 + 2 * i] + ":" + all[2 + 2 * i], i + ":" + i * i, "Gather block " + i);
      }
    }
    int[] back = new int[2];
    world.Scatter(all, 1, 2, MPI.INT, back, 0, 2, MPI.INT, 0);
    equal(back, mine, "Scatter gives back what Gather took");

    int[] everyone = new int[size];
    world.Allgather(new int[] {rank + 1}, 0, 1, MPI.INT, everyone, 0, 1, MPI.INT);
    for (int i = 0; i < size; i++) {
      equal(everyone[i], i + 1, "Allgather " + i);
    }

    // variable: rank i contributes i+1 copies of i
    int[] counts = new int[size];
    int[] displs = new int[size];
    int total = 0;
    for (int i = 0; i < size; i++) {
      counts[i] = i + 1;
      displs[i] = total;
      total += i + 1;
    }
    int[] contribution = new int[rank + 1];
    java.util.Arrays.fill(contribution, rank);
    int[] v = new int[total];
    world.Allgatherv(contribution, 0, rank + 1, MPI.INT, v, 0, counts, displs, MPI.INT);
    int[] gv = new int[total];
    world.Gatherv(contribution, 0, rank + 1, MPI.INT, gv, 0, counts, displs, MPI.INT, 0);
    for (int i = 0, k = 0; i < size; i++) {
      for (int j = 0; j <= i; j++, k++) {
        equal(v[k], i, "Allgatherv element " + k);
        if (rank == 0) {
          equal(gv[k], i, "Gatherv element " + k);
        }
      }
    }
    int[] part = new int[rank + 1];
    world.Scatterv(v, 0, counts, displs, MPI.INT, part, 0, rank + 1, MPI.INT, 0);
    equal(part, contribution, "Scatterv");

    int[] to = new int[size];
    for (int j = 0; j < size; j++) {
      to[j] = rank * 100 + j;
    }
    int[] from = new int[size];
    world.Alltoall(to, 0, 1, MPI.INT, from, 0, 1, MPI.INT);
    for (int i = 0; i < size; i++) {
      equal(from[i], i * 100 + rank, "Alltoall from " + i);
    }
    int[] ones = new int[size];
    int[] seq = new int[size];
    java.util.Arrays.fill(ones, 1);
    for (int i = 0; i < size; i++) {
      seq[i] = i;
    }
    int[] from2 = new int[size];
    world.Alltoallv(to, 0, ones, seq, MPI.INT, from2, 0, ones, seq, MPI.INT);
    equal(from2, from, "Alltoallv");
  }

  private void reductions() {
    int[] sum = new int[3];
    world.Reduce(new int[] {0, rank, 1}, 1, sum, 1, 2, MPI.INT, MPI.SUM, 0);
    if (rank == 0) {
      equal(sum[1] + "," + sum[2], size * (size - 1) / 2 + "," + size, "Reduce SUM at an offset");
    }
    double[] max = new double[1];
    world.Allreduce(new double[] {rank * 1.5}, 0, max, 0, 1, MPI.DOUBLE, MPI.MAX);
    equal(max[0], (size - 1) * 1.5, "Allreduce MAX");

    // MAXLOC on (value, index) pairs: ties go to the lowest index
    int[] pair = {rank % 2, rank};
    int[] best = new int[2];
    world.Allreduce(pair, 0, best, 0, 1, MPI.INT2, MPI.MAXLOC);
    equal(best, new int[] {size > 1 ? 1 : 0, size > 1 ? 1 : 0}, "MAXLOC");

    int[] prefix = new int[1];
    world.Scan(new int[] {rank + 1}, 0, prefix, 0, 1, MPI.INT, MPI.SUM);
    equal(prefix[0], (rank + 1) * (rank + 2) / 2, "Scan");

    int[] counts = new int[size];
    java.util.Arrays.fill(counts, 2);
    int[] contribution = new int[2 * size];
    java.util.Arrays.fill(contribution, 1);
    int[] block = new int[2];
    world.Reduce_scatter(contribution, 0, block, 0, counts, MPI.INT, MPI.SUM);
    equal(block, new int[] {size, size}, "Reduce_scatter");

    // a user function that is not commutative: string concatenation in rank order
    Op concat = new Op(new User_function() {
      @Override
      public void Call(Object in, int inOffset, Object inout, int inoutOffset, int count, Datatype type) {
        Object[] a = (Object[]) in;
        Object[] b = (Object[]) inout;
        for (int i = 0; i < count; i++) {
          b[inoutOffset + i] = (String) a[inOffset + i] + b[inoutOffset + i];
        }
      }
    }, false);
    Object[] text = new Object[1];
    world.Reduce(new Object[] {String.valueOf(rank)}, 0, text, 0, 1, MPI.OBJECT, concat, 0);
    if (rank == 0) {
      StringBuilder expected = new StringBuilder();
      for (int i = 0; i < size; i++) {
        expected.append(i);
      }
      equal(text[0], expected.toString(), "non-commutative user op in rank order");
    }
  }

  private void communicators() {
    Intracomm parity = world.Split(rank % 2, -rank);
    int sameParity = (size - rank % 2 + 1) / 2;
    equal(parity.Size(), sameParity, "Split size");
    equal(parity.Rank(), (sameParity - 1) - rank / 2, "Split ordered by key");
    int[] total = new int[1];
    parity.Allreduce(new int[] {1}, 0, total, 0, 1, MPI.INT, MPI.SUM);
    equal(total[0], sameParity, "Allreduce on a split communicator");
    that(world.Split(MPI.UNDEFINED, 0) == null, "UNDEFINED colour gives null");

    Group all = world.Group();
    Group notZero = all.Excl(new int[] {0});
    Intracomm rest = world.Create(notZero);
    if (rank == 0) {
      that(rest == null, "Create gives null to a rank outside the group");
    } else {
      equal(rest.Rank(), rank - 1, "Create keeps the group's order");
    }
    Intracomm copy = (Intracomm) world.clone();
    equal(Comm.Compare(copy, world), MPI.CONGRUENT, "a clone is congruent");
    equal(Comm.Compare(world, world), MPI.IDENT, "identical");
    int[] in = new int[1];
    Request r = copy.Irecv(in, 0, 1, MPI.INT, previous(), 5);
    world.Send(new int[] {1}, 0, 1, MPI.INT, next(), 5);
    copy.Send(new int[] {2}, 0, 1, MPI.INT, next(), 5);
    r.Wait();
    equal(in[0], 2, "a clone has its own messages");
    world.Recv(in, 0, 1, MPI.INT, previous(), 5);
    equal(in[0], 1, "and the original keeps its own");
  }

  private void topologies() {
    int[] dims = new int[2];
    Cartcomm.Dims_create(size, dims);
    Cartcomm grid = world.Create_cart(dims, new boolean[] {true, false}, false);
    equal(grid.Topo_test(), MPI.CART, "Topo_test");
    int[] coords = grid.Coords(grid.Rank());
    equal(grid.Rank(coords), grid.Rank(), "Rank(Coords(r)) = r");
    ShiftParms down = grid.Shift(0, 1);
    int[] in = {-5};
    grid.Sendrecv(new int[] {grid.Rank()}, 0, 1, MPI.INT, down.rank_dest, 3, in, 0, 1, MPI.INT,
        down.rank_source, 3);
    equal(in[0], down.rank_source, "shift along a periodic dimension");
    Cartcomm row = grid.Sub(new boolean[] {false, true});
    equal(row.Size(), dims[1], "Sub keeps a row");
    equal(grid.Get().coords, coords, "Get's coordinates");

    int[] index = new int[size];
    int[] edges = new int[size];
    for (int i = 0; i < size; i++) {
      index[i] = i + 1;
      edges[i] = (i + 1) % size;
    }
    Graphcomm ring = world.Create_graph(index, edges, false);
    equal(ring.Neighbours(rank), new int[] {next()}, "graph neighbours");
    equal(ring.Topo_test(), MPI.GRAPH, "graph Topo_test");
  }

  private void intercomm() {
    if (size < 2) {
      return;
    }
    Intracomm half = world.Split(rank % 2, rank);
    int remoteLeader = rank % 2 == 0 ? 1 : 0;
    Intercomm inter = world.Create_intercomm(half, 0, remoteLeader, 7);
    that(inter.Test_inter(), "an intercommunicator");
    equal(inter.Remote_size(), rank % 2 == 0 ? size / 2 : (size + 1) / 2, "remote size");
    if (half.Rank() == 0) {
      int[] v = {rank};
      Request r = inter.Isend(v, 0, 1, MPI.INT, 0, 8);
      int[] in = new int[1];
      inter.Recv(in, 0, 1, MPI.INT, 0, 8);
      r.Wait();
      equal(in[0], remoteLeader, "message across the intercommunicator");
    }
    Intracomm merged = inter.Merge(rank % 2 == 1);
    equal(merged.Size(), size, "Merge joins both groups");
    int[] sum = new int[1];
    merged.Allreduce(new int[] {rank}, 0, sum, 0, 1, MPI.INT, MPI.SUM);
    equal(sum[0], size * (size - 1) / 2, "Allreduce on the merged communicator");
  }

  private void errors() {
    Intracomm c = (Intracomm) world.clone();
    c.setErrhandler(MPI.ERRORS_RETURN);
    fails(MPIException.class, "not a rank", () -> c.Send(new int[1], 0, 1, MPI.INT, size + 3, 0), "bad dest");
    fails(MPIException.class, "Recv", () -> c.Recv(new int[1], 0, 1, MPI.DOUBLE, 0, 0), "wrong buffer type");
    fails(MPIException.class, "offset", () -> c.Send(new int[2], 1, 5, MPI.INT, next(), 0), "out of range");
    Intracomm child = c.Split(0, rank);
    equal(child.getErrhandler(), MPI.ERRORS_RETURN, "a new communicator inherits the error handler");
  }
}
