package io.picluster.it.mpi.ranks;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import mpi.Comm;
import mpi.Datatype;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Message;
import mpi.Prequest;
import mpi.Request;
import mpi.Status;

/**
 * Point to point in the Open MPI Java vocabulary, as its users write it: arrays without offsets,
 * MPI.slice, direct buffers from MPI.new*Buffer for non-blocking calls, Status getters, int
 * indexes from waitAny/testAny, Message probes. Rank 0 prints "OmpiPointToPoint passed on N ranks".
 */
public class OmpiPointToPoint {
  static Intracomm world;
  static int rank;
  static int size;
  static int next;
  static int prev;

  public static void main(String[] args) throws MPIException, Exception {
    String[] rest = MPI.Init(args);
    world = MPI.COMM_WORLD;
    rank = world.getRank();
    size = world.getSize();
    Expect.rank = rank;
    next = (rank + 1) % size;
    prev = (rank - 1 + size) % size;
    new Sections()
        .add("arrays-every-type", OmpiPointToPoint::arraysEveryType)
        .add("slices-and-direct-buffers", OmpiPointToPoint::slicesAndDirectBuffers)
        .add("probe-status", OmpiPointToPoint::probeStatus)
        .add("sendrecv-replace", OmpiPointToPoint::sendRecvReplace)
        .add("proc-null-zero-count", OmpiPointToPoint::procNullZeroCount)
        .add("nonblocking-wait-test", OmpiPointToPoint::nonblocking)
        .add("waitany-testany-waitsome", OmpiPointToPoint::anyAndSome)
        .add("issend-completes-when-matched", OmpiPointToPoint::issend)
        .add("bsend-attached-buffer", OmpiPointToPoint::bsend)
        .add("cancel-pending-receive", OmpiPointToPoint::cancel)
        .add("persistent", OmpiPointToPoint::persistent)
        .add("matched-probe", OmpiPointToPoint::matchedProbe)
        .runAndReport(rest, rank, size, "OmpiPointToPoint", world::barrier);
    MPI.Finalize();
  }

  /** The classic ring: rank 0 sends first, the others receive first. */
  static Status ring(Object out, Object in, int sendCount, int recvCount, Datatype type, int tag) throws MPIException {
    Status s;
    if (rank == 0) {
      world.send(out, sendCount, type, next, tag);
      s = world.recv(in, recvCount, type, prev, tag);
    } else {
      s = world.recv(in, recvCount, type, prev, tag);
      world.send(out, sendCount, type, next, tag);
    }
    return s;
  }

  static void arraysEveryType() throws Exception {
    int tag = 1;
    for (Datatype type : Values.basicTypes()) {
      String name = Values.name(type);
      Object in = Values.zeros(type, 5);
      Status s = ring(Values.filled(type, 3, rank), in, 3, 5, type, tag);
      Expect.equal(in, Values.with(Values.zeros(type, 5), 0, Values.filled(type, 3, prev), 3), name + " array ring");
      Expect.equal(s.getSource(), prev, name + " getSource");
      Expect.equal(s.getTag(), tag, name + " getTag");
      Expect.equal(s.getCount(type), 3, name + " getCount");
      Expect.equal(s.getElements(type), 3, name + " getElements");
      Expect.that(!s.isCancelled(), name + " isCancelled of a normal receive");
      tag++;
    }
  }

  static void slicesAndDirectBuffers() throws Exception {
    int tag = 20;
    for (Datatype type : Buffers.types()) {
      String name = Values.name(type);
      // Heap slices: arrayOffset is where the data starts.
      Object out = Values.filled(type, 6, rank);
      Object in = Values.zeros(type, 6);
      ring(Buffers.slice(out, 2), Buffers.slice(in, 1), 3, 3, type, tag++);
      Expect.equal(in, Values.with(Values.zeros(type, 6), 1, Values.range(Values.filled(type, 6, prev), 2, 3), 3),
          name + " MPI.slice on both sides");
      // Direct buffers, blocking; the position is ignored (Open MPI's rule).
      Buffer dout = Buffers.directOf(type, Values.filled(type, 4, rank));
      dout.position(2);
      Buffer din = Buffers.direct(type, 4);
      din.position(3);
      ring(dout, din, 4, 4, type, tag++);
      Expect.equal(Buffers.contents(type, din, 4), Values.filled(type, 4, prev),
          name + " direct buffers (positions set, and ignored)");
      // A slice of a direct buffer.
      Buffer whole = Buffers.direct(type, 5);
      ring(Buffers.directOf(type, Values.filled(type, 2, rank)), sliceOfDirect(whole, 3), 2, 2, type, tag++);
      Object want = Values.with(Values.zeros(type, 5), 3, Values.filled(type, 2, prev), 2);
      Expect.equal(Buffers.contents(type, whole, 5), want, name + " into MPI.slice of a direct buffer");
    }
    // A ByteBuffer holding ints in native order, both ways.
    ByteBuffer bytes = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder());
    ring(new int[] {rank, -rank, 1 << 20}, bytes, 3, 3, MPI.INT, 40);
    Expect.equal(new int[] {bytes.getInt(0), bytes.getInt(4), bytes.getInt(8)}, new int[] {prev, -prev, 1 << 20},
        "ints received into a ByteBuffer (native order)");
    ByteBuffer outBytes = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
    outBytes.putLong(0, rank * 3L).putLong(8, Long.MIN_VALUE);
    long[] longs = new long[2];
    ring(outBytes, longs, 2, 2, MPI.LONG, 41);
    Expect.equal(longs, new long[] {prev * 3L, Long.MIN_VALUE}, "longs sent from a ByteBuffer");
  }

  static Buffer sliceOfDirect(Buffer b, int off) {
    if (b instanceof ByteBuffer) return MPI.slice((ByteBuffer) b, off);
    if (b instanceof java.nio.CharBuffer) return MPI.slice((java.nio.CharBuffer) b, off);
    if (b instanceof java.nio.ShortBuffer) return MPI.slice((java.nio.ShortBuffer) b, off);
    if (b instanceof IntBuffer) return MPI.slice((IntBuffer) b, off);
    if (b instanceof LongBuffer) return MPI.slice((LongBuffer) b, off);
    if (b instanceof java.nio.FloatBuffer) return MPI.slice((java.nio.FloatBuffer) b, off);
    return MPI.slice((java.nio.DoubleBuffer) b, off);
  }

  static void probeStatus() throws Exception {
    Expect.equal(world.iProbe(MPI.ANY_SOURCE, 999), null, "iProbe for a tag never sent");
    IntBuffer mine = MPI.newIntBuffer(rank + 1);
    for (int i = 0; i <= rank; i++) {
      mine.put(i, rank * 100 + i);
    }
    Request sent = world.iSend(mine, rank + 1, MPI.INT, 0, 50 + rank);
    if (rank == 0) {
      for (int k = 0; k < size; k++) {
        Status p = world.probe(MPI.ANY_SOURCE, MPI.ANY_TAG);
        int from = p.getSource();
        Expect.equal(p.getTag(), 50 + from, "probe getTag of rank " + from);
        Expect.equal(p.getCount(MPI.INT), from + 1, "probe getCount of rank " + from);
        int[] in = new int[from + 1];
        Status s = world.recv(in, from + 1, MPI.INT, from, p.getTag());
        Expect.equal(s.getSource(), from, "recv after probe");
        for (int i = 0; i <= from; i++) {
          Expect.equal(in[i], from * 100 + i, "value " + i + " from rank " + from);
        }
      }
    }
    sent.waitFor();
    world.barrier();
  }

  static void sendRecvReplace() throws Exception {
    double[] in = new double[3];
    Status s = world.sendRecv(new double[] {rank, 0.5}, 2, MPI.DOUBLE, next, 60, in, 3, MPI.DOUBLE, prev, 60);
    Expect.equal(in, new double[] {prev, 0.5, 0}, "sendRecv data");
    Expect.equal(s.getSource(), prev, "sendRecv getSource");
    Expect.equal(s.getCount(MPI.DOUBLE), 2, "sendRecv getCount");
    int[] buf = {rank, rank * 2, rank * 3};
    s = world.sendRecvReplace(buf, 3, MPI.INT, next, 61, prev, 61);
    Expect.equal(buf, new int[] {prev, prev * 2, prev * 3}, "sendRecvReplace array");
    Expect.equal(s.getSource(), prev, "sendRecvReplace getSource");
    int[] backing = {-1, rank, rank + 1, -1};
    world.sendRecvReplace(MPI.slice(backing, 1), 2, MPI.INT, next, 62, prev, 62);
    Expect.equal(backing, new int[] {-1, prev, prev + 1, -1}, "sendRecvReplace on a slice");
    LongBuffer direct = MPI.newLongBuffer(2);
    direct.put(0, rank).put(1, -rank);
    world.sendRecvReplace(direct, 2, MPI.LONG, next, 63, prev, 63);
    Expect.equal(new long[] {direct.get(0), direct.get(1)}, new long[] {prev, -prev}, "sendRecvReplace on a direct buffer");
  }

  static void procNullZeroCount() throws Exception {
    int[] buf = {4, 5};
    world.send(buf, 2, MPI.INT, MPI.PROC_NULL, 1);
    Status s = world.recv(buf, 2, MPI.INT, MPI.PROC_NULL, 1);
    Expect.equal(buf, new int[] {4, 5}, "recv from PROC_NULL leaves the buffer");
    Expect.equal(s.getSource(), MPI.PROC_NULL, "recv from PROC_NULL getSource");
    Expect.equal(s.getTag(), MPI.ANY_TAG, "recv from PROC_NULL getTag");
    Expect.equal(s.getCount(MPI.INT), 0, "recv from PROC_NULL getCount");
    Request r = world.iRecv(MPI.newIntBuffer(2), 2, MPI.INT, MPI.PROC_NULL, 2);
    Expect.equal(r.waitStatus().getSource(), MPI.PROC_NULL, "iRecv from PROC_NULL");
    world.sSend(buf, 2, MPI.INT, MPI.PROC_NULL, 3);
    Status z = ring(new int[0], buf, 0, 2, MPI.INT, 4);
    Expect.equal(z.getCount(MPI.INT), 0, "zero-count message getCount");
    Expect.equal(z.getSource(), prev, "zero-count message getSource");
    Expect.equal(buf, new int[] {4, 5}, "zero-count message leaves the buffer");
  }

  static void nonblocking() throws Exception {
    IntBuffer out = MPI.newIntBuffer(3);
    IntBuffer in = MPI.newIntBuffer(3);
    for (int i = 0; i < 3; i++) {
      out.put(i, rank * 10 + i);
    }
    Request r = world.iRecv(in, 3, MPI.INT, prev, 70);
    Request s = world.iSend(out, 3, MPI.INT, next, 70);
    Status st = r.waitStatus();
    s.waitFor();
    Expect.equal(st.getSource(), prev, "iRecv waitStatus getSource");
    Expect.equal(st.getTag(), 70, "iRecv waitStatus getTag");
    Expect.equal(new int[] {in.get(0), in.get(1), in.get(2)}, new int[] {prev * 10, prev * 10 + 1, prev * 10 + 2},
        "iRecv data");
    // test() is false until the message is there; then getStatus tells its envelope.
    Request t = world.iRecv(in, 1, MPI.INT, prev, 71);
    Expect.that(!t.isNull(), "a pending request is not null");
    Expect.that(!t.test(), "test() before the message was sent");
    Expect.equal(t.testStatus(), null, "testStatus() before the message was sent");
    world.barrier(); // tag 71 is sent only after everyone tested
    world.send(new int[] {rank}, 1, MPI.INT, next, 71);
    boolean done = false;
    for (int i = 0; !done && i < 100_000; i++) {
      done = t.test();
      if (!done) {
        Thread.sleep(1);
      }
    }
    Expect.that(done, "test() eventually true");
    Expect.equal(in.get(0), prev, "data after test()");
    // waitAll / waitAllStatus over several, with an ibSend-free mix of modes.
    Request[] all = new Request[4];
    IntBuffer[] ins = new IntBuffer[2];
    for (int i = 0; i < 2; i++) {
      ins[i] = MPI.newIntBuffer(1);
      all[i] = world.iRecv(ins[i], 1, MPI.INT, prev, 72 + i);
    }
    world.barrier(); // receives posted, for irSend
    IntBuffer a = MPI.newIntBuffer(1).put(0, rank);
    IntBuffer b = MPI.newIntBuffer(1).put(0, -rank);
    all[2] = world.isSend(a, 1, MPI.INT, next, 72);
    all[3] = world.irSend(b, 1, MPI.INT, next, 73);
    Status[] statuses = Request.waitAllStatus(all);
    Expect.equal(statuses.length, 4, "waitAllStatus length");
    Expect.equal(statuses[1].getTag(), 73, "waitAllStatus status of request 1");
    Expect.equal(new int[] {ins[0].get(0), ins[1].get(0)}, new int[] {prev, -prev}, "isSend and irSend data");
    for (Request q : all) {
      Expect.that(q.isNull(), "requests are inactive after waitAll");
    }
    Request.waitAll(new Request[] {MPI.REQUEST_NULL});
  }

  static void handshake(int tag) throws Exception {
    Request ack = world.iSend(MPI.newIntBuffer(0), 0, MPI.INT, prev, tag);
    world.recv(new int[0], 0, MPI.INT, next, tag);
    ack.waitFor();
  }

  static void anyAndSome() throws Exception {
    IntBuffer[] in = new IntBuffer[3];
    Request[] rs = new Request[3];
    for (int i = 0; i < 3; i++) {
      in[i] = MPI.newIntBuffer(1);
      rs[i] = world.iRecv(in[i], 1, MPI.INT, prev, 80 + i);
    }
    Expect.equal(Request.testAny(rs), MPI.UNDEFINED, "testAny before anything was sent");
    Expect.that(!Request.testAll(rs), "testAll before anything was sent");
    Expect.equal(Request.testSome(rs).length, 0, "testSome before anything was sent");
    Expect.equal(Request.testAnyStatus(rs), null, "testAnyStatus before anything was sent");
    Expect.equal(Request.testAllStatus(rs), null, "testAllStatus before anything was sent");
    Expect.equal(Request.testSomeStatus(rs).length, 0, "testSomeStatus before anything was sent");
    handshake(88);
    Request s2 = world.iSend(MPI.newIntBuffer(1).put(0, rank * 10 + 2), 1, MPI.INT, next, 82);
    int index = Request.waitAny(rs);
    Expect.equal(index, 2, "waitAny's index");
    Expect.that(rs[2].isNull(), "the completed request is inactive after waitAny");
    Expect.equal(in[2].get(0), prev * 10 + 2, "waitAny's data");
    handshake(89);
    Request s0 = world.iSend(MPI.newIntBuffer(1).put(0, rank * 10), 1, MPI.INT, next, 80);
    Status[] some = Request.waitSomeStatus(rs);
    Expect.equal(some.length, 1, "waitSomeStatus completes only the one sent");
    Expect.equal(some[0].getIndex(), 0, "waitSomeStatus getIndex");
    Expect.equal(in[0].get(0), prev * 10, "waitSomeStatus data");
    handshake(90);
    Request s1 = world.iSend(MPI.newIntBuffer(1).put(0, rank * 10 + 1), 1, MPI.INT, next, 81);
    Status st = Request.waitAnyStatus(rs);
    Expect.equal(st.getIndex(), 1, "waitAnyStatus getIndex");
    Expect.equal(st.getTag(), 81, "waitAnyStatus getTag");
    // waitSome over a fresh pair: exactly the one that can have arrived.
    Request[] pair = {world.iRecv(MPI.newIntBuffer(1), 1, MPI.INT, prev, 83), world.iRecv(MPI.newIntBuffer(1), 1, MPI.INT, prev, 84)};
    handshake(91);
    Request s4 = world.iSend(MPI.newIntBuffer(1).put(0, 4), 1, MPI.INT, next, 84);
    Expect.equal(Request.waitSome(pair), new int[] {1}, "waitSome gives the indexes completed");
    handshake(92);
    Request s3 = world.iSend(MPI.newIntBuffer(1).put(0, 3), 1, MPI.INT, next, 83);
    Status[] both = Request.waitAllStatus(new Request[] {pair[0], s3, s4});
    Expect.equal(both[0].getTag(), 83, "the last receive's tag");
    Expect.equal(Request.waitAny(rs), MPI.UNDEFINED, "waitAny when every request is inactive");
    Request.waitAll(new Request[] {s0, s1, s2});
  }

  static void issend() throws Exception {
    if (rank == 0) {
      int to = size == 1 ? 0 : 1;
      Request r = world.isSend(MPI.newIntBuffer(2).put(0, 41).put(1, 42), 2, MPI.INT, to, 100);
      for (int i = 0; i < 20; i++) {
        Expect.that(!r.test(), "isSend test() before the receive is posted (try " + i + ")");
        Thread.sleep(5);
      }
      if (size > 1) {
        world.send(new int[] {1}, 1, MPI.INT, 1, 101);
      } else {
        int[] got = new int[2];
        world.recv(got, 2, MPI.INT, 0, 100);
        Expect.equal(got, new int[] {41, 42}, "self isSend data");
      }
      r.waitFor();
    } else if (rank == 1) {
      world.recv(new int[1], 1, MPI.INT, 0, 101);
      int[] got = new int[2];
      world.recv(got, 2, MPI.INT, 0, 100);
      Expect.equal(got, new int[] {41, 42}, "isSend data");
    }
    Request r = world.iRecv(MPI.newShortBuffer(1), 1, MPI.SHORT, prev, 102);
    world.sSend(new short[] {(short) rank}, 1, MPI.SHORT, next, 102);
    Expect.equal(r.waitStatus().getSource(), prev, "sSend ring");
    world.barrier();
  }

  static void bsend() throws Exception {
    IntBuffer in0 = MPI.newIntBuffer(4);
    IntBuffer in1 = MPI.newIntBuffer(4);
    Request[] rs = {world.iRecv(in0, 4, MPI.INT, prev, 110), world.iRecv(in1, 4, MPI.INT, prev, 111)};
    byte[] space = new byte[2 * (world.packSize(4, MPI.INT) + MPI.BSEND_OVERHEAD)];
    MPI.attachBuffer(space);
    int[] data = {rank, rank + 1, rank + 2, rank + 3};
    world.bSend(data, 4, MPI.INT, next, 110);
    IntBuffer direct = MPI.newIntBuffer(4);
    for (int i = 0; i < 4; i++) {
      direct.put(i, -data[i]);
    }
    world.ibSend(direct, 4, MPI.INT, next, 111).waitFor();
    byte[] back = MPI.detachBuffer();
    Expect.that(back == space, "detachBuffer returns the attached array");
    Request.waitAll(rs);
    Expect.equal(new int[] {in0.get(0), in0.get(1), in0.get(2), in0.get(3)}, new int[] {prev, prev + 1, prev + 2, prev + 3},
        "bSend data");
    Expect.equal(in1.get(3), -(prev + 3), "ibSend data");
  }

  static void cancel() throws Exception {
    IntBuffer trap = MPI.newIntBuffer(1).put(0, -1);
    Request r = world.iRecv(trap, 1, MPI.INT, prev, 120);
    r.cancel();
    Status s = r.waitStatus();
    Expect.that(s.isCancelled(), "isCancelled after cancel of a pending receive");
    world.barrier();
    world.sendRecv(new int[] {rank + 500}, 1, MPI.INT, next, 120, new int[1], 1, MPI.INT, prev, 120);
    Expect.equal(trap.get(0), -1, "the cancelled receive's buffer is untouched");
  }

  static void persistent() throws Exception {
    LongBuffer out = MPI.newLongBuffer(2);
    LongBuffer in = MPI.newLongBuffer(2);
    Prequest send = world.sendInit(out, 2, MPI.LONG, next, 130);
    Prequest recv = world.recvInit(in, 2, MPI.LONG, prev, 130);
    for (int round = 0; round < 3; round++) {
      out.put(0, rank * 100 + round).put(1, -round);
      if (round == 1) {
        Prequest.startAll(new Prequest[] {recv, send});
      } else {
        recv.start();
        send.start();
      }
      Status st = recv.waitStatus();
      send.waitFor();
      Expect.equal(st.getSource(), prev, "persistent source, round " + round);
      Expect.equal(new long[] {in.get(0), in.get(1)}, new long[] {prev * 100 + round, -round}, "persistent round " + round);
      world.barrier();
    }
    send.free();
    recv.free();
    Prequest ss = world.sSendInit(MPI.newIntBuffer(1).put(0, rank), 1, MPI.INT, next, 131);
    Prequest rs = world.rSendInit(MPI.newIntBuffer(1).put(0, rank), 1, MPI.INT, next, 132);
    Prequest bs = world.bSendInit(MPI.newIntBuffer(1).put(0, rank), 1, MPI.INT, next, 133);
    IntBuffer[] got = {MPI.newIntBuffer(1), MPI.newIntBuffer(1), MPI.newIntBuffer(1)};
    Request[] recvs = new Request[3];
    for (int i = 0; i < 3; i++) {
      recvs[i] = world.iRecv(got[i], 1, MPI.INT, prev, 131 + i);
    }
    MPI.attachBuffer(new byte[world.packSize(1, MPI.INT) + MPI.BSEND_OVERHEAD]);
    world.barrier();
    Prequest.startAll(new Prequest[] {ss, rs, bs});
    Request.waitAll(recvs);
    Request.waitAll(new Request[] {ss, rs, bs});
    MPI.detachBuffer();
    for (int i = 0; i < 3; i++) {
      Expect.equal(got[i].get(0), prev, "persistent send mode " + i);
    }
  }

  static void matchedProbe() throws Exception {
    Message none = new Message();
    Expect.equal(none.imProbe(prev, 140, world), null, "imProbe with nothing there");
    world.barrier(); // tag 140 is sent only after everyone probed
    Request sent = world.iSend(MPI.newIntBuffer(3).put(0, rank).put(1, 7).put(2, 8), 3, MPI.INT, next, 140);
    Message m = new Message();
    Status p = m.mProbe(MPI.ANY_SOURCE, 140, world);
    Expect.equal(p.getSource(), prev, "mProbe getSource");
    Expect.equal(p.getCount(MPI.INT), 3, "mProbe getCount");
    int[] in = new int[3];
    Status s = m.mRecv(in, 3, MPI.INT);
    Expect.equal(in, new int[] {prev, 7, 8}, "mRecv data");
    Expect.equal(s.getSource(), prev, "mRecv getSource");
    sent.waitFor();
    Message nobody = new Message();
    nobody.mProbe(MPI.PROC_NULL, 0, world);
    Expect.that(nobody.isNoProc(), "mProbe from PROC_NULL gives the no-proc message");
    Comm self = MPI.COMM_SELF;
    Expect.equal(self.getSize(), 1, "COMM_SELF getSize");
  }
}
