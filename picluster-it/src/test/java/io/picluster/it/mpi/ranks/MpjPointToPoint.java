package io.picluster.it.mpi.ranks;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import mpi.Datatype;
import mpi.Intracomm;
import mpi.MPI;
import mpi.Prequest;
import mpi.Request;
import mpi.Status;

/**
 * Point to point in the mpiJava 1.2 (MPJ Express) vocabulary, as its users write it: arrays with
 * element offsets, Status fields, capitalised names. Rank 0 prints "MpjPointToPoint passed on N
 * ranks" when every check held on every rank.
 */
public class MpjPointToPoint {
  static Intracomm world;
  static int rank;
  static int size;
  static int next;
  static int prev;

  public static void main(String[] args) throws Exception {
    String[] rest = MPI.Init(args);
    world = MPI.COMM_WORLD;
    rank = world.Rank();
    size = world.Size();
    Expect.rank = rank;
    next = (rank + 1) % size;
    prev = (rank - 1 + size) % size;
    new Sections()
        .add("basic-types", MpjPointToPoint::basicTypes)
        .add("any-source-any-tag-probe", MpjPointToPoint::anySourceAnyTagProbe)
        .add("non-overtaking", MpjPointToPoint::nonOvertaking)
        .add("proc-null", MpjPointToPoint::procNull)
        .add("zero-counts", MpjPointToPoint::zeroCounts)
        .add("sendrecv", MpjPointToPoint::sendrecv)
        .add("sendrecv-replace", MpjPointToPoint::sendrecvReplace)
        .add("ssend-completes-when-matched", MpjPointToPoint::ssendCompletesWhenMatched)
        .add("rsend", MpjPointToPoint::rsend)
        .add("bsend-attached-buffer", MpjPointToPoint::bsend)
        .add("waitany-index-testall-waitsome", MpjPointToPoint::waitanyTestallWaitsome)
        .add("cancel-pending-receive", MpjPointToPoint::cancelPendingReceive)
        .add("persistent", MpjPointToPoint::persistent)
        .add("objects", MpjPointToPoint::objects)
        .add("large-messages", MpjPointToPoint::largeMessages)
        .add("receives-match-in-posting-order", MpjPointToPoint::postingOrder)
        .add("modes-keep-order", MpjPointToPoint::modesKeepOrder)
        .add("derived-types-nonblocking", MpjPointToPoint::derivedNonblocking)
        .runAndReport(rest, rank, size, "MpjPointToPoint", world::Barrier);
    MPI.Finalize();
  }

  /** Every basic type around the ring, from an offset into an offset, with its Status. */
  static void basicTypes() throws Exception {
    int tag = 10;
    for (Datatype type : Values.basicTypes()) {
      String name = Values.name(type);
      Object out = Values.filled(type, 6, rank);
      Request sent = world.Isend(out, 2, 3, type, next, tag);
      Object in = Values.zeros(type, 8);
      Status s = world.Recv(in, 4, 3, type, prev, tag);
      sent.Wait();
      Object expected = Values.with(Values.zeros(type, 8), 4, Values.range(Values.filled(type, 6, prev), 2, 3), 3);
      Expect.equal(in, expected, name + " received at offset 4 (the rest untouched)");
      Expect.equal(s.source, prev, name + " status.source");
      Expect.equal(s.tag, tag, name + " status.tag");
      Expect.equal(s.Get_count(type), 3, name + " Get_count");
      Expect.equal(s.Get_elements(type), 3, name + " Get_elements");
      Expect.equal(s.count, 3, name + " status.count");

      // A receive buffer larger than the message: count tells how much came.
      sent = world.Isend(out, 0, 2, type, next, tag + 1);
      Object big = Values.zeros(type, 10);
      s = world.Recv(big, 1, 9, type, prev, tag + 1);
      sent.Wait();
      Expect.equal(s.Get_count(type), 2, name + " Get_count of a short message");
      Expect.equal(big, Values.with(Values.zeros(type, 10), 1, Values.filled(type, 6, prev), 2),
          name + " short message into a larger buffer");
      tag += 2;
    }
  }

  /** ANY_SOURCE and ANY_TAG report the real source and tag; Probe tells source, tag and count. */
  static void anySourceAnyTagProbe() throws Exception {
    Expect.equal(world.Iprobe(MPI.ANY_SOURCE, 999), null, "Iprobe for a tag never sent");
    int[] mine = new int[rank + 1];
    for (int i = 0; i <= rank; i++) {
      mine[i] = rank * 100 + i;
    }
    // Round 1: rank 0 probes with wildcards, then receives exactly the probed message.
    Request sent = world.Isend(mine, 0, rank + 1, MPI.INT, 0, 200 + rank);
    if (rank == 0) {
      Set<Integer> seen = new HashSet<>();
      for (int k = 0; k < size; k++) {
        Status p = world.Probe(MPI.ANY_SOURCE, MPI.ANY_TAG);
        int from = p.source;
        Expect.that(from >= 0 && from < size, "Probe source in range: " + from);
        Expect.equal(p.tag, 200 + from, "Probe tag of rank " + from);
        Expect.equal(p.Get_count(MPI.INT), from + 1, "Probe Get_count of rank " + from);
        int[] in = new int[from + 1];
        Status s = world.Recv(in, 0, from + 1, MPI.INT, p.source, p.tag);
        Expect.equal(s.source, from, "Recv after Probe source");
        for (int i = 0; i <= from; i++) {
          Expect.equal(in[i], from * 100 + i, "value " + i + " from rank " + from);
        }
        Expect.that(seen.add(from), "rank " + from + " probed twice");
      }
      Expect.equal(seen.size(), size, "every rank probed with ANY_SOURCE");
    }
    sent.Wait();
    world.Barrier();
    // Round 2: plain wildcard receives into a buffer larger than any message.
    sent = world.Isend(mine, 0, rank + 1, MPI.INT, 0, 300 + rank);
    if (rank == 0) {
      Set<Integer> seen = new HashSet<>();
      for (int k = 0; k < size; k++) {
        int[] in = new int[size + 2];
        Status s = world.Recv(in, 1, size + 1, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
        int from = s.source;
        Expect.equal(s.tag, 300 + from, "ANY_TAG status.tag of rank " + from);
        Expect.equal(s.Get_count(MPI.INT), from + 1, "ANY_SOURCE Get_count from rank " + from);
        for (int i = 0; i <= from; i++) {
          Expect.equal(in[1 + i], from * 100 + i, "value " + i + " from rank " + from);
        }
        Expect.that(seen.add(from), "rank " + from + " received twice");
      }
      Expect.equal(seen.size(), size, "every rank heard with ANY_SOURCE");
    }
    sent.Wait();
    world.Barrier(); // the wildcard receives are done before other messages are on their way
    // Iprobe sees a message that has arrived, with the right envelope.
    Request r = world.Isend(new long[] {7, 8}, 0, 2, MPI.LONG, next, 230);
    Status p = null;
    for (int i = 0; p == null && i < 100_000; i++) {
      p = world.Iprobe(prev, 230);
      if (p == null) {
        Thread.sleep(1);
      }
    }
    Expect.that(p != null, "Iprobe eventually sees the message from " + prev);
    Expect.equal(p.source, prev, "Iprobe source");
    Expect.equal(p.tag, 230, "Iprobe tag");
    Expect.equal(p.Get_count(MPI.LONG), 2, "Iprobe Get_count");
    long[] got = new long[2];
    world.Recv(got, 0, 2, MPI.LONG, prev, 230);
    Expect.equal(got, new long[] {7, 8}, "message received after Iprobe");
    r.Wait();
    world.Barrier();
  }

  /** Messages from one source on one communicator arrive in the order sent, per tag and with ANY_TAG. */
  static void nonOvertaking() throws Exception {
    int from = 0;
    int to = size - 1;
    int n = 200;
    List<Request> sends = new ArrayList<>();
    if (rank == from) {
      for (int i = 0; i < n; i++) {
        sends.add(world.Isend(new int[] {i}, 0, 1, MPI.INT, to, 5));
        sends.add(world.Isend(new int[] {-i}, 0, 1, MPI.INT, to, 6));
      }
      for (int i = 0; i < n; i++) {
        sends.add(world.Isend(new int[] {i}, 0, 1, MPI.INT, to, 7 + (i % 3)));
      }
    }
    if (rank == to) {
      int[] v = new int[1];
      for (int i = 0; i < n; i++) {
        world.Recv(v, 0, 1, MPI.INT, from, 6);
        Expect.equal(v[0], -i, "tag 6 message " + i);
      }
      for (int i = 0; i < n; i++) {
        world.Recv(v, 0, 1, MPI.INT, from, 5);
        Expect.equal(v[0], i, "tag 5 message " + i);
      }
      for (int i = 0; i < n; i++) {
        Status s = world.Recv(v, 0, 1, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
        Expect.equal(v[0], i, "ANY_TAG message " + i);
        Expect.equal(s.tag, 7 + (i % 3), "ANY_TAG message " + i + " tag");
      }
    }
    Request.Waitall(sends.toArray(new Request[0]));
    world.Barrier();
  }

  /** PROC_NULL: sends vanish, receives complete at once with source PROC_NULL and count 0. */
  static void procNull() throws Exception {
    int[] buf = {1, 2, 3};
    world.Send(buf, 0, 3, MPI.INT, MPI.PROC_NULL, 1);
    Status s = world.Recv(buf, 0, 3, MPI.INT, MPI.PROC_NULL, 1);
    Expect.equal(buf, new int[] {1, 2, 3}, "buffer after Recv from PROC_NULL");
    Expect.equal(s.source, MPI.PROC_NULL, "status.source after Recv from PROC_NULL");
    Expect.equal(s.tag, MPI.ANY_TAG, "status.tag after Recv from PROC_NULL");
    Expect.equal(s.Get_count(MPI.INT), 0, "Get_count after Recv from PROC_NULL");
    Request a = world.Isend(buf, 0, 3, MPI.INT, MPI.PROC_NULL, 2);
    Request b = world.Irecv(buf, 0, 3, MPI.INT, MPI.PROC_NULL, 2);
    Status[] all = Request.Waitall(new Request[] {a, b});
    Expect.equal(all[1].source, MPI.PROC_NULL, "Irecv from PROC_NULL status.source");
    world.Ssend(buf, 0, 3, MPI.INT, MPI.PROC_NULL, 3);
    Expect.equal(world.Iprobe(MPI.PROC_NULL, MPI.ANY_TAG).source, MPI.PROC_NULL,
        "Iprobe(PROC_NULL) returns at once with source PROC_NULL");
    // A non-periodic chain: the ends talk to PROC_NULL.
    int up = rank + 1 < size ? rank + 1 : MPI.PROC_NULL;
    int down = rank > 0 ? rank - 1 : MPI.PROC_NULL;
    int[] got = {-5};
    s = world.Sendrecv(new int[] {rank}, 0, 1, MPI.INT, up, 4, got, 0, 1, MPI.INT, down, 4);
    Expect.equal(got[0], rank > 0 ? rank - 1 : -5, "chain Sendrecv value");
    Expect.equal(s.source, down, "chain Sendrecv status.source");
  }

  /** Zero-element messages are real messages: matched, ordered, with count 0, buffer untouched. */
  static void zeroCounts() throws Exception {
    for (Datatype type : Values.basicTypes()) {
      Request r = world.Isend(Values.zeros(type, 0), 0, 0, type, next, 40);
      Object in = Values.filled(type, 3, 9);
      Status s = world.Recv(in, 0, 3, type, prev, 40);
      r.Wait();
      Expect.equal(s.Get_count(type), 0, Values.name(type) + " zero-count Get_count");
      Expect.equal(s.source, prev, Values.name(type) + " zero-count source");
      Expect.equal(in, Values.filled(type, 3, 9), Values.name(type) + " buffer untouched by zero count");
    }
    Request r = world.Isend(new Object[0], 0, 0, MPI.OBJECT, next, 41);
    Object[] objs = {"keep"};
    Status s = world.Recv(objs, 0, 1, MPI.OBJECT, prev, 41);
    r.Wait();
    Expect.equal(s.Get_count(MPI.OBJECT), 0, "zero OBJECT count");
    Expect.equal(objs[0], "keep", "OBJECT buffer untouched by zero count");
  }

  static void sendrecv() throws Exception {
    double[] out = {rank + 0.5, -rank, 1e300};
    double[] in = new double[5];
    Status s = world.Sendrecv(out, 0, 3, MPI.DOUBLE, next, 50, in, 1, 3, MPI.DOUBLE, prev, 50);
    Expect.equal(in, new double[] {0, prev + 0.5, -prev, 1e300, 0}, "Sendrecv data");
    Expect.equal(s.source, prev, "Sendrecv status.source");
    Expect.equal(s.tag, 50, "Sendrecv status.tag");
    Expect.equal(s.Get_count(MPI.DOUBLE), 3, "Sendrecv Get_count");
    // Different send and receive tags, ANY_SOURCE on the receive side.
    char[] cin = new char[2];
    s = world.Sendrecv(new char[] {'é', (char) ('a' + rank)}, 0, 2, MPI.CHAR, next, 51, cin, 0, 2,
        MPI.CHAR, MPI.ANY_SOURCE, 51);
    Expect.equal(cin, new char[] {'é', (char) ('a' + prev)}, "Sendrecv char data");
    Expect.equal(s.source, prev, "Sendrecv ANY_SOURCE status.source");
  }

  /** One buffer is both sent and received into; the data sent is the data before the call. */
  static void sendrecvReplace() throws Exception {
    int[] buf = {-1, rank * 10, rank * 10 + 1, rank * 10 + 2, -1};
    Status s = world.Sendrecv_replace(buf, 1, 3, MPI.INT, next, 60, prev, 60);
    Expect.equal(buf, new int[] {-1, prev * 10, prev * 10 + 1, prev * 10 + 2, -1},
        "Sendrecv_replace ring shift");
    Expect.equal(s.source, prev, "Sendrecv_replace status.source");
    Expect.equal(s.Get_count(MPI.INT), 3, "Sendrecv_replace Get_count");
    // With a strided type: only the typed elements change, the gaps keep their values.
    Datatype everyOther = Datatype.Vector(3, 1, 2, MPI.LONG);
    everyOther.Commit();
    long[] strided = new long[7];
    long[] expected = new long[7];
    for (int i = 0; i < 7; i++) {
      strided[i] = i % 2 == 1 ? rank * 100 + i : -i;
      expected[i] = i % 2 == 1 ? prev * 100 + i : -i;
    }
    world.Sendrecv_replace(strided, 1, 1, everyOther, next, 61, prev, 61);
    Expect.equal(strided, expected, "Sendrecv_replace with a vector type (elements 1,3,5 replaced)");
    // Towards oneself, and with PROC_NULL on both sides (buffer unchanged).
    int[] self = {rank, rank + 1};
    world.Sendrecv_replace(self, 0, 2, MPI.INT, rank, 62, rank, 62);
    Expect.equal(self, new int[] {rank, rank + 1}, "Sendrecv_replace with oneself");
    s = world.Sendrecv_replace(self, 0, 2, MPI.INT, MPI.PROC_NULL, 63, MPI.PROC_NULL, 63);
    Expect.equal(self, new int[] {rank, rank + 1}, "Sendrecv_replace with PROC_NULL");
    Expect.equal(s.source, MPI.PROC_NULL, "Sendrecv_replace PROC_NULL status.source");
  }

  /**
   * Issend is not complete while the receiver has not matched it: the receiver posts its receive
   * only after a later message from the sender, which the sender sends after testing.
   */
  static void ssendCompletesWhenMatched() throws Exception {
    boolean sender = rank == 0;
    boolean receiver = size == 1 ? rank == 0 : rank == 1;
    if (sender) {
      Request r = world.Issend(new int[] {41, 42}, 0, 2, MPI.INT, size == 1 ? 0 : 1, 70);
      for (int i = 0; i < 20; i++) {
        Expect.equal(r.Test(), null, "Issend Test() before the receive is posted (try " + i + ")");
        Thread.sleep(5);
      }
      if (size > 1) {
        world.Send(new int[] {1}, 0, 1, MPI.INT, 1, 71);
      }
      if (size == 1) {
        int[] got = new int[2];
        world.Recv(got, 0, 2, MPI.INT, 0, 70);
        Expect.equal(got, new int[] {41, 42}, "self Issend data");
      }
      Status done = r.Wait();
      Expect.that(done != null, "Issend Wait() returns a Status");
    }
    if (receiver && size > 1) {
      int[] go = new int[1];
      world.Recv(go, 0, 1, MPI.INT, 0, 71);
      int[] got = new int[2];
      world.Recv(got, 0, 2, MPI.INT, 0, 70);
      Expect.equal(got, new int[] {41, 42}, "Issend data");
    }
    // A probe is not a match: an Issend stays incomplete after its receiver probed it.
    int to = size == 1 ? 0 : 1;
    if (rank == 0) {
      Request r = world.Issend(new int[] {43}, 0, 1, MPI.INT, to, 73);
      if (size > 1) {
        world.Recv(new int[1], 0, 1, MPI.INT, 1, 74); // rank 1 has probed
      } else {
        Expect.equal(world.Probe(0, 73).source, 0, "self Probe of an Issend");
      }
      Expect.equal(r.Test(), null, "Issend after its message was probed but not received");
      if (size > 1) {
        world.Send(new int[1], 0, 1, MPI.INT, 1, 75);
      } else {
        world.Recv(new int[1], 0, 1, MPI.INT, 0, 73);
      }
      r.Wait();
    } else if (rank == 1) {
      Status p = world.Probe(0, 73);
      Expect.equal(p.Get_count(MPI.INT), 1, "Probe of an Issend");
      world.Send(new int[1], 0, 1, MPI.INT, 0, 74);
      world.Recv(new int[1], 0, 1, MPI.INT, 0, 75);
      int[] got = new int[1];
      world.Recv(got, 0, 1, MPI.INT, 0, 73);
      Expect.equal(got[0], 43, "Issend data after the probe");
    }
    // Blocking Ssend around the ring, receivers posted first.
    Request r = world.Irecv(new short[1], 0, 1, MPI.SHORT, prev, 72);
    world.Ssend(new short[] {(short) rank}, 0, 1, MPI.SHORT, next, 72);
    Expect.equal(r.Wait().source, prev, "Ssend ring source");
    world.Barrier();
  }

  /** Rsend once the receiver says its receive is posted. */
  static void rsend() throws Exception {
    float[] in = new float[2];
    Request posted = world.Irecv(in, 0, 2, MPI.FLOAT, prev, 80);
    world.Barrier(); // every receive is posted
    world.Rsend(new float[] {rank, 0.5f}, 0, 2, MPI.FLOAT, next, 80);
    posted.Wait();
    Expect.equal(in, new float[] {prev, 0.5f}, "Rsend data");
    Request r = world.Irecv(in, 0, 2, MPI.FLOAT, prev, 81);
    world.Barrier();
    Request s = world.Irsend(new float[] {-rank, 1.5f}, 0, 2, MPI.FLOAT, next, 81);
    Request.Waitall(new Request[] {r, s});
    Expect.equal(in, new float[] {-prev, 1.5f}, "Irsend data");
  }

  /** Bsend and Ibsend through an attached buffer; detach waits until it is empty again. */
  static void bsend() throws Exception {
    int[][] in = new int[3][10];
    Request[] recvs = new Request[3];
    for (int m = 0; m < 3; m++) {
      recvs[m] = world.Irecv(in[m], 0, 10, MPI.INT, prev, 90 + m);
    }
    int per = world.Pack_size(10, MPI.INT) + MPI.BSEND_OVERHEAD;
    MPI.Buffer_attach(ByteBuffer.allocateDirect(3 * per));
    int[] data = new int[10];
    for (int m = 0; m < 3; m++) {
      for (int i = 0; i < 10; i++) {
        data[i] = rank * 1000 + m * 10 + i; // reusing data at once: Bsend copied it
      }
      if (m < 2) {
        world.Bsend(data, 0, 10, MPI.INT, next, 90 + m);
      } else {
        world.Ibsend(data, 0, 10, MPI.INT, next, 90 + m).Wait();
      }
    }
    MPI.Buffer_detach();
    Request.Waitall(recvs);
    for (int m = 0; m < 3; m++) {
      for (int i = 0; i < 10; i++) {
        Expect.equal(in[m][i], prev * 1000 + m * 10 + i, "Bsend message " + m + " element " + i);
      }
    }
    world.Barrier();
  }

  /**
   * Waitany reports which request completed in Status.index; Testall is null while any is pending;
   * Waitsome returns exactly the completed ones. Only the message a rank's successor lets through
   * can have arrived, so the answers are certain.
   */
  static void waitanyTestallWaitsome() throws Exception {
    int[][] in = new int[3][1];
    Request[] rs = new Request[3];
    for (int i = 0; i < 3; i++) {
      rs[i] = world.Irecv(in[i], 0, 1, MPI.INT, prev, 100 + i);
    }
    Expect.equal(Request.Testany(rs), null, "Testany before anything was sent");
    Expect.equal(Request.Testall(rs), null, "Testall before anything was sent");
    handshake(108);
    Request first = world.Isend(new int[] {rank * 10 + 2}, 0, 1, MPI.INT, next, 102);
    Status s = Request.Waitany(rs);
    Expect.equal(s.index, 2, "Waitany's Status.index");
    Expect.equal(s.tag, 102, "Waitany's Status.tag");
    Expect.equal(s.source, prev, "Waitany's Status.source");
    Expect.equal(in[2][0], prev * 10 + 2, "Waitany's data");
    first.Wait();
    Request[] rest = {rs[0], rs[1]};
    Expect.equal(Request.Testall(rest), null, "Testall with two pending");
    Status[] none = Request.Testsome(rest);
    Expect.that(none == null || none.length == 0, "Testsome with nothing completed gives no Status");
    handshake(109);
    Request a = world.Isend(new int[] {rank * 10}, 0, 1, MPI.INT, next, 100);
    Status[] some = Request.Waitsome(rest);
    Expect.equal(some.length, 1, "Waitsome completes only the one sent");
    Expect.equal(some[0].index, 0, "Waitsome's Status.index");
    Expect.equal(in[0][0], prev * 10, "Waitsome's data");
    handshake(110);
    Request b = world.Isend(new int[] {rank * 10 + 1}, 0, 1, MPI.INT, next, 101);
    Status last = rs[1].Wait();
    Expect.equal(last.tag, 101, "last receive tag");
    Expect.equal(in[1][0], prev * 10 + 1, "last receive data");
    Status[] sent = Request.Waitall(new Request[] {a, b});
    Expect.equal(sent.length, 2, "Waitall gives a Status per request");
    // Test() is null until the message is there, then gives its Status.
    Request c = world.Irecv(new int[1], 0, 1, MPI.INT, prev, 103);
    Expect.that(!c.Is_null(), "a pending request is not null");
    world.Send(new int[] {1}, 0, 1, MPI.INT, next, 103);
    Status t = null;
    for (int i = 0; t == null && i < 100_000; i++) {
      t = c.Test();
      if (t == null) {
        Thread.sleep(1);
      }
    }
    Expect.that(t != null && t.tag == 103, "Test() eventually returns the Status");
    // REQUEST_NULL entries are skipped: Waitany reports the live request's index.
    Expect.that(MPI.REQUEST_NULL.Is_null(), "REQUEST_NULL.Is_null()");
    Request live = world.Irecv(new int[1], 0, 1, MPI.INT, prev, 104);
    world.Send(new int[] {1}, 0, 1, MPI.INT, next, 104);
    Status any = Request.Waitany(new Request[] {MPI.REQUEST_NULL, live, MPI.REQUEST_NULL});
    Expect.equal(any.index, 1, "Waitany index past a REQUEST_NULL");
    world.Barrier();
  }

  /** Tells the predecessor it may go on, and waits until the successor says so. */
  static void handshake(int tag) throws Exception {
    Request ack = world.Isend(new int[0], 0, 0, MPI.INT, prev, tag);
    world.Recv(new int[0], 0, 0, MPI.INT, next, tag);
    ack.Wait();
  }

  /** A receive cancelled before it matched takes no message; the next receive gets it. */
  static void cancelPendingReceive() throws Exception {
    int[] trap = {-1};
    Request r = world.Irecv(trap, 0, 1, MPI.INT, prev, 120);
    r.Cancel();
    Status s = r.Wait();
    Expect.that(s.Test_cancelled(), "Test_cancelled() after Cancel of a pending receive");
    world.Barrier(); // every rank has cancelled before anyone sends
    Request sent = world.Isend(new int[] {rank + 500}, 0, 1, MPI.INT, next, 120);
    int[] got = {-1};
    Request again = world.Irecv(got, 0, 1, MPI.INT, prev, 120);
    Status ok = again.Wait();
    sent.Wait();
    Expect.equal(got[0], prev + 500, "the message goes to the receive posted after the cancel");
    Expect.equal(trap[0], -1, "the cancelled receive's buffer is untouched");
    Expect.that(!ok.Test_cancelled(), "a completed receive is not cancelled");
  }

  /** Send_init/Recv_init started three times each, with Start and Startall. */
  static void persistent() throws Exception {
    long[] out = new long[4];
    long[] in = new long[6];
    Prequest send = world.Send_init(out, 0, 4, MPI.LONG, next, 130);
    Prequest recv = world.Recv_init(in, 1, 4, MPI.LONG, prev, 130);
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 4; i++) {
        out[i] = rank * 1000L + round * 10 + i;
      }
      if (round == 1) {
        Prequest.Startall(new Prequest[] {recv, send});
      } else {
        recv.Start();
        send.Start();
      }
      Status s = recv.Wait();
      send.Wait();
      Expect.equal(s.source, prev, "persistent receive source, round " + round);
      for (int i = 0; i < 4; i++) {
        Expect.equal(in[1 + i], prev * 1000L + round * 10 + i, "persistent round " + round + " element " + i);
      }
      Expect.equal(in[0], 0, "persistent receive leaves element 0");
      Expect.equal(in[5], 0, "persistent receive leaves element 5");
      world.Barrier(); // out is rewritten only after every send of this round was received
    }
    Prequest ss = world.Ssend_init(new int[] {rank}, 0, 1, MPI.INT, next, 131);
    Prequest bs = world.Bsend_init(new int[] {rank}, 0, 1, MPI.INT, next, 132);
    Prequest rs = world.Rsend_init(new int[] {rank}, 0, 1, MPI.INT, next, 133);
    int[][] got = new int[3][1];
    Request[] recvs = new Request[3];
    for (int i = 0; i < 3; i++) {
      recvs[i] = world.Irecv(got[i], 0, 1, MPI.INT, prev, 131 + i);
    }
    MPI.Buffer_attach(ByteBuffer.allocate(world.Pack_size(1, MPI.INT) + MPI.BSEND_OVERHEAD));
    world.Barrier(); // receives posted, for the ready send
    Prequest.Startall(new Prequest[] {ss, bs, rs});
    Request.Waitall(recvs);
    Request.Waitall(new Request[] {ss, bs, rs});
    MPI.Buffer_detach();
    for (int i = 0; i < 3; i++) {
      Expect.equal(got[i][0], prev, "persistent mode " + i + " data");
    }
  }

  /** A user class, sent through serialization. */
  static final class Point implements Serializable {
    private static final long serialVersionUID = 1L;
    final int x;
    final String label;

    Point(int x, String label) {
      this.x = x;
      this.label = label;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Point && ((Point) o).x == x && ((Point) o).label.equals(label);
    }

    @Override
    public int hashCode() {
      return x;
    }

    @Override
    public String toString() {
      return "Point(" + x + "," + label + ")";
    }
  }

  static Object[] objectsOf(int r) {
    Map<String, Integer> map = new TreeMap<>();
    map.put("rank", r);
    return new Object[] {"skip", "from " + r + " ✓", new Point(r, "p" + r), null, map,
        new int[] {r, r + 1}, "skip"};
  }

  /** MPI.OBJECT: Object[] elements by serialization, with offsets, nulls and user classes. */
  static void objects() throws Exception {
    Object[] out = objectsOf(rank);
    Request r = world.Isend(out, 1, 5, MPI.OBJECT, next, 140);
    Object[] in = new Object[8];
    in[0] = "keep";
    in[7] = "keep";
    Status s = world.Recv(in, 2, 5, MPI.OBJECT, prev, 140);
    r.Wait();
    Object[] expect = objectsOf(prev);
    Object[] want = {"keep", null, expect[1], expect[2], expect[3], expect[4], expect[5], "keep"};
    Expect.equal(in, want, "OBJECT array at offset 2");
    Expect.equal(s.Get_count(MPI.OBJECT), 5, "OBJECT Get_count");
    Expect.equal(s.source, prev, "OBJECT status.source");
    // Non-blocking object receive, and Probe's count of objects.
    Request ir = world.Irecv(in, 0, 2, MPI.OBJECT, prev, 141);
    world.Send(new Object[] {"a" + rank, rank}, 0, 2, MPI.OBJECT, next, 141);
    ir.Wait();
    Expect.equal(in[0], "a" + prev, "Irecv OBJECT element 0");
    Expect.equal(in[1], prev, "Irecv OBJECT element 1");
    Object[] both = {"keep", new Point(rank, "mine"), "keep"};
    world.Sendrecv_replace(both, 1, 1, MPI.OBJECT, next, 142, prev, 142);
    Expect.equal(both, new Object[] {"keep", new Point(prev, "mine"), "keep"}, "Sendrecv_replace of OBJECT");
    // Buffered sends of objects, into a generously attached buffer.
    Object[] got = new Object[2];
    Request br = world.Irecv(got, 0, 2, MPI.OBJECT, prev, 143);
    MPI.Buffer_attach(ByteBuffer.allocate(1 << 16));
    world.Bsend(new Object[] {"b" + rank, new Point(rank, "buffered")}, 0, 2, MPI.OBJECT, next, 143);
    MPI.Buffer_detach();
    br.Wait();
    Expect.equal(got, new Object[] {"b" + prev, new Point(prev, "buffered")}, "Bsend of OBJECT");
    world.Barrier();
  }

  /** Messages of several megabytes, around the ring and to oneself. */
  static void largeMessages() throws Exception {
    int n = 1 << 19;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = rank + i * 1e-3;
    }
    double[] in = new double[n];
    world.Sendrecv(out, 0, n, MPI.DOUBLE, next, 150, in, 0, n, MPI.DOUBLE, prev, 150);
    for (int i = 0; i < n; i += 997) {
      Expect.equal(in[i], prev + i * 1e-3, "large message element " + i);
    }
    Expect.equal(in[n - 1], prev + (n - 1) * 1e-3, "large message last element");
    byte[] self = new byte[3_000_000];
    self[2_999_999] = 42;
    Request r = world.Isend(self, 0, self.length, MPI.BYTE, rank, 151);
    byte[] back = new byte[self.length];
    world.Recv(back, 0, back.length, MPI.BYTE, rank, 151);
    r.Wait();
    Expect.equal(back[2_999_999], 42, "large message to oneself");
  }

  /** Receives that match the same messages are matched in the order they were posted, ANY_SOURCE too. */
  static void postingOrder() throws Exception {
    int[][] in = new int[4][1];
    Request[] rs = new Request[4];
    rs[0] = world.Irecv(in[0], 0, 1, MPI.INT, MPI.ANY_SOURCE, 160);
    rs[1] = world.Irecv(in[1], 0, 1, MPI.INT, prev, MPI.ANY_TAG);
    rs[2] = world.Irecv(in[2], 0, 1, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
    rs[3] = world.Irecv(in[3], 0, 1, MPI.INT, prev, 160);
    world.Barrier(); // all four posted everywhere before anything is sent
    for (int i = 0; i < 4; i++) {
      world.Send(new int[] {rank * 10 + i}, 0, 1, MPI.INT, next, 160);
    }
    Request.Waitall(rs);
    for (int i = 0; i < 4; i++) {
      Expect.equal(in[i][0], prev * 10 + i, "receive posted " + i + " gets message " + i);
    }
    world.Barrier();
  }

  /** Synchronous, buffered, ready and standard sends from one rank on one tag arrive in the order sent. */
  static void modesKeepOrder() throws Exception {
    int[][] in = new int[5][1];
    Request[] rs = new Request[5];
    for (int i = 0; i < 5; i++) {
      rs[i] = world.Irecv(in[i], 0, 1, MPI.INT, prev, 170);
    }
    MPI.Buffer_attach(ByteBuffer.allocate(2 * (world.Pack_size(1, MPI.INT) + MPI.BSEND_OVERHEAD)));
    world.Barrier(); // receives posted (the ready send needs that)
    Request[] ss = new Request[5];
    ss[0] = world.Issend(new int[] {0}, 0, 1, MPI.INT, next, 170);
    ss[1] = world.Isend(new int[] {1}, 0, 1, MPI.INT, next, 170);
    ss[2] = world.Ibsend(new int[] {2}, 0, 1, MPI.INT, next, 170);
    ss[3] = world.Irsend(new int[] {3}, 0, 1, MPI.INT, next, 170);
    ss[4] = world.Issend(new int[] {4}, 0, 1, MPI.INT, next, 170);
    Request.Waitall(rs);
    Request.Waitall(ss);
    MPI.Buffer_detach();
    for (int i = 0; i < 5; i++) {
      Expect.equal(in[i][0], i, "message " + i + " of mixed send modes");
    }
    world.Barrier();
  }

  /** Non-blocking and persistent receives into a derived type lay the data out when they complete. */
  static void derivedNonblocking() throws Exception {
    Datatype vec = Datatype.Vector(3, 1, 3, MPI.INT);
    vec.Commit();
    int[] a = new int[10];
    java.util.Arrays.fill(a, -1);
    Request r = world.Irecv(a, 1, 1, vec, MPI.ANY_SOURCE, 180);
    world.Send(new int[] {rank, rank + 1, rank + 2}, 0, 3, MPI.INT, next, 180);
    Status s = r.Wait();
    Expect.equal(a, new int[] {-1, prev, -1, -1, prev + 1, -1, -1, prev + 2, -1, -1}, "Irecv into a vector (Wait)");
    Expect.equal(s.Get_count(vec), 1, "Irecv into a vector: Get_count");
    int[] b = new int[10];
    java.util.Arrays.fill(b, -1);
    Request t = world.Irecv(b, 0, 1, vec, prev, 181);
    world.Send(new int[] {-rank, -rank - 1, -rank - 2}, 0, 3, MPI.INT, next, 181);
    Status done = null;
    for (int i = 0; done == null && i < 100_000; i++) {
      done = t.Test();
      if (done == null) {
        Thread.sleep(1);
      }
    }
    Expect.that(done != null, "Test() completes the vector receive");
    Expect.equal(b, new int[] {-prev, -1, -1, -prev - 1, -1, -1, -prev - 2, -1, -1, -1}, "Irecv into a vector (Test)");
    int[] c = new int[7];
    Prequest pr = world.Recv_init(c, 0, 1, vec, prev, 182);
    for (int round = 0; round < 2; round++) {
      java.util.Arrays.fill(c, -1);
      pr.Start();
      world.Send(new int[] {round, round, round}, 0, 3, MPI.INT, next, 182);
      pr.Wait();
      Expect.equal(c, new int[] {round, -1, -1, round, -1, -1, round}, "persistent receive into a vector, round " + round);
      world.Barrier();
    }
    // A vector sent non-blocking.
    int[] src = {rank, 0, 0, rank, 0, 0, rank};
    Request sent = world.Isend(src, 0, 1, vec, next, 183);
    int[] flat = new int[3];
    world.Recv(flat, 0, 3, MPI.INT, prev, 183);
    sent.Wait();
    Expect.equal(flat, new int[] {prev, prev, prev}, "Isend of a vector");
    world.Barrier();
  }
}
