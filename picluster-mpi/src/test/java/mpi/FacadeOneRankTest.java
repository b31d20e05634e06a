package mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The communicating half on a world of one rank, in this JVM (a process started without a
 * launcher is a job of one): requests, buffers, derived types, the Bsend buffer, errors. Every
 * communicator used here has ERRORS_RETURN, since a fatal error would end the test JVM.
 */
class FacadeOneRankTest {
  private Intracomm world;

  @BeforeEach
  void init() {
    MPI.Init(new String[0]);
    world = MPI.COMM_WORLD;
    world.setErrhandler(MPI.ERRORS_RETURN);
    MPI.COMM_SELF.setErrhandler(MPI.ERRORS_RETURN);
  }

  @AfterEach
  void finish() {
    MPI.Finalize();
  }

  @Test
  void initGivesBackTheArgumentsAndBindsTheWorld() {
    MPI.Finalize();
    String[] args = {"x", "-y", "z z"};
    assertThat(MPI.Init(args)).containsExactly("x", "-y", "z z").isNotSameAs(args);
    world = MPI.COMM_WORLD;
    world.setErrhandler(MPI.ERRORS_RETURN);
    assertThat(world.Size()).isEqualTo(1);
    assertThat(world.getRank()).isZero();
    assertThat(MPI.COMM_SELF.Size()).isEqualTo(1);
    assertThat(world.getGroup().Size()).isEqualTo(1);
    assertThat(MPI.Initialized()).isTrue();
    assertThat(MPI.isFinalized()).isFalse();
  }

  @Test
  void theWorldIsUnusableBetweenFinalizeAndInit() {
    MPI.Finalize();
    assertThatThrownBy(() -> MPI.COMM_WORLD.Rank()).isInstanceOf(MPIException.class)
        .hasMessageContaining("finalized");
    assertThat(MPI.isFinalized()).isTrue();
    MPI.Init(new String[0]);
    assertThat(MPI.COMM_WORLD.Rank()).isZero();
  }

  @Test
  void aMessageToSelfAtOffsets() {
    int[] out = {9, 1, 2, 3, 9};
    int[] in = new int[6];
    Request r = world.Irecv(in, 2, 3, MPI.INT, 0, 5);
    world.Send(out, 1, 3, MPI.INT, 0, 5);
    Status s = r.Wait();
    assertThat(in).containsExactly(0, 0, 1, 2, 3, 0);
    assertThat(s.source).isZero();
    assertThat(s.tag).isEqualTo(5);
    assertThat(s.count).isEqualTo(3);
    assertThat(r.Is_null()).isTrue();
    assertThat(r.Test()).isNotNull(); // an inactive request tests complete, with an empty status
  }

  @Test
  void waitanyGivesEachIndexOnceThenUndefined() {
    int[][] in = new int[3][1];
    Request[] rs = new Request[3];
    for (int i = 0; i < 3; i++) {
      rs[i] = world.Irecv(in[i], 0, 1, MPI.INT, 0, 10 + i);
    }
    for (int i = 2; i >= 0; i--) {
      world.Send(new int[] {i * 7}, 0, 1, MPI.INT, 0, 10 + i);
    }
    boolean[] seen = new boolean[3];
    for (int k = 0; k < 3; k++) {
      Status s = Request.Waitany(rs);
      assertThat(seen[s.index]).isFalse();
      seen[s.index] = true;
      assertThat(in[s.index][0]).isEqualTo(s.index * 7);
      assertThat(s.getIndex()).isEqualTo(s.index);
    }
    assertThat(Request.Waitany(rs).index).isEqualTo(MPI.UNDEFINED);
    assertThat(Request.waitAny(rs)).isEqualTo(MPI.UNDEFINED);
    assertThat(Request.waitSome(rs)).isNull();
  }

  @Test
  void testallIsNullUntilEveryRequestIsDone() {
    int[] a = new int[1];
    int[] b = new int[1];
    Request[] rs = {world.Irecv(a, 0, 1, MPI.INT, 0, 1), world.Irecv(b, 0, 1, MPI.INT, 0, 2)};
    world.Send(new int[] {1}, 0, 1, MPI.INT, 0, 1);
    assertThat(Request.Testall(rs)).isNull();
    assertThat(Request.testAll(rs)).isFalse();
    assertThat(rs[0].Is_null()).isFalse(); // Testall changes nothing while one is incomplete
    Status[] some = Request.Testsome(rs);
    assertThat(some).hasSize(1);
    assertThat(some[0].index).isZero();
    world.Send(new int[] {2}, 0, 1, MPI.INT, 0, 2);
    Status[] all = Request.Waitall(rs);
    assertThat(all).hasSize(2);
    assertThat(b[0]).isEqualTo(2);
  }

  @Test
  void aCancelledReceiveCompletesCancelledAndTakesNothing() {
    int[] in = {42};
    Request r = world.Irecv(in, 0, 1, MPI.INT, MPI.ANY_SOURCE, 77);
    r.Cancel();
    Status s = r.Wait();
    assertThat(s.Test_cancelled()).isTrue();
    assertThat(in[0]).isEqualTo(42);
    world.Send(new int[] {1}, 0, 1, MPI.INT, 0, 77);
    world.Recv(in, 0, 1, MPI.INT, 0, 77); // the message went to a later receive
    assertThat(in[0]).isEqualTo(1);
  }

  @Test
  void persistentRequestsRestartAndStayUsable() {
    int[] out = new int[1];
    int[] in = new int[1];
    Prequest send = world.Send_init(out, 0, 1, MPI.INT, 0, 3);
    Prequest recv = world.Recv_init(in, 0, 1, MPI.INT, 0, 3);
    for (int round = 1; round <= 3; round++) {
      out[0] = round * 11;
      recv.Start();
      send.Start();
      Request.Waitall(new Request[] {recv, send});
      assertThat(in[0]).isEqualTo(round * 11);
      assertThat(recv.Is_null()).isFalse();
    }
    recv.Start();
    assertThatThrownBy(recv::Start).isInstanceOf(MPIException.class).hasMessageContaining("still active");
    recv.Cancel();
    recv.Wait();
    send.free();
    assertThat(send.isNull()).isTrue();
  }

  @Test
  void bsendIsChargedToTheAttachedBufferUntilDetach() {
    int need = world.Pack_size(100, MPI.INT) + MPI.BSEND_OVERHEAD;
    assertThatThrownBy(() -> world.Bsend(new int[100], 0, 100, MPI.INT, 0, 1))
        .isInstanceOf(MPIException.class).hasMessageContaining("attach")
        .extracting(e -> ((MPIException) e).getErrorClass()).isEqualTo(MPI.ERR_BUFFER);
    MPI.Buffer_attach(ByteBuffer.allocate(need));
    int[] data = new int[100];
    data[99] = 5;
    world.Bsend(data, 0, 100, MPI.INT, 0, 1);
    data[99] = 6; // the message was copied when Bsend returned
    int[] in = new int[100];
    world.Recv(in, 0, 100, MPI.INT, 0, 1);
    assertThat(in[99]).isEqualTo(5);
    MPI.Buffer_detach();
    byte[] small = new byte[8];
    MPI.attachBuffer(small);
    assertThatThrownBy(() -> world.bSend(new int[100], 100, MPI.INT, 0, 2))
        .isInstanceOf(MPIException.class).hasMessageContaining("too small");
    assertThat(MPI.detachBuffer()).isSameAs(small);
    // objects are charged their serialized size
    MPI.attachBuffer(new byte[64]);
    assertThatThrownBy(() -> world.Bsend(new Object[] {"x".repeat(100)}, 0, 1, MPI.OBJECT, 0, 3))
        .isInstanceOf(MPIException.class).hasMessageContaining("too small");
    MPI.detachBuffer();
    MPI.attachBuffer(new byte[4096]);
    world.Bsend(new Object[] {"x".repeat(100)}, 0, 1, MPI.OBJECT, 0, 3);
    Object[] got = new Object[1];
    world.Recv(got, 0, 1, MPI.OBJECT, 0, 3);
    assertThat(got[0]).isEqualTo("x".repeat(100));
    MPI.detachBuffer();
  }

  @Test
  void procNullCompletesAtOnceWithAnEmptyStatus() {
    world.Send(new int[1], 0, 1, MPI.INT, MPI.PROC_NULL, 0);
    world.Ssend(new int[1], 0, 1, MPI.INT, MPI.PROC_NULL, 0);
    int[] in = {3};
    Status s = world.Recv(in, 0, 1, MPI.INT, MPI.PROC_NULL, 0);
    assertThat(s.source).isEqualTo(MPI.PROC_NULL);
    assertThat(s.tag).isEqualTo(MPI.ANY_TAG);
    assertThat(s.Get_count(MPI.INT)).isZero();
    assertThat(in[0]).isEqualTo(3);
  }

  @Test
  void derivedTypesArePackedAndUnpacked() {
    Datatype everyOther = Datatype.Vector(2, 1, 2, MPI.DOUBLE); // elements 0 and 2; extent 3
    double[] src = {1, -1, 2, 3, -1, 4, -1, -1};
    double[] dst = new double[8];
    Request r = world.Irecv(dst, 0, 2, everyOther, 0, 4);
    world.Send(src, 0, 2, everyOther, 0, 4);
    Status s = r.Wait();
    assertThat(dst).containsExactly(1, 0, 2, 3, 0, 4, 0, 0);
    assertThat(s.Get_count(everyOther)).isEqualTo(2);
    assertThat(s.count).isEqualTo(2);
    assertThat(s.Get_elements(MPI.DOUBLE)).isEqualTo(4);
  }

  @Test
  void sendrecvReplaceSwapsInPlace() {
    long[] buf = {1, 2, 3};
    world.Sendrecv_replace(buf, 1, 2, MPI.LONG, 0, 8, 0, 8);
    assertThat(buf).containsExactly(1, 2, 3);
    int[] in = new int[2];
    world.Sendrecv(new int[] {5, 6}, 0, 2, MPI.INT, 0, 9, in, 0, 2, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
    assertThat(in).containsExactly(5, 6);
  }

  @Test
  void objectsTravelSerialized() {
    Object[] out = {"a", 1, java.util.List.of(2, 3)};
    Object[] in = new Object[4];
    world.Isend(out, 0, 3, MPI.OBJECT, 0, 1);
    Status s = world.Recv(in, 1, 3, MPI.OBJECT, 0, 1);
    assertThat(in).containsExactly(null, "a", 1, java.util.List.of(2, 3));
    assertThat(s.Get_count(MPI.OBJECT)).isEqualTo(3);
    world.Isend(out, 0, 3, MPI.OBJECT, 0, 2);
    assertThatThrownBy(() -> world.Recv(new Object[2], 0, 2, MPI.OBJECT, 0, 2))
        .isInstanceOf(MPIException.class).hasMessageContaining("truncated")
        .extracting(e -> ((MPIException) e).getErrorClass()).isEqualTo(MPI.ERR_TRUNCATE);
  }

  @Test
  void openMpiBuffersHonourArrayOffsetNotPosition() {
    int[] backing = {0, 0, 7, 8};
    IntBuffer slice = MPI.slice(backing, 2);
    ByteBuffer direct = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
    direct.position(4);
    Request r = world.iRecv(direct, 2, MPI.INT, 0, 1);
    world.send(slice, 2, MPI.INT, 0, 1);
    r.waitFor();
    assertThat(direct.getInt(0)).isEqualTo(7);
    assertThat(direct.getInt(4)).isEqualTo(8);
  }

  @Test
  void matchedProbeReceivesTheProbedMessage() {
    world.send(new short[] {4, 5}, 2, MPI.SHORT, 0, 3);
    Message m = new Message();
    Status p = m.mProbe(MPI.ANY_SOURCE, MPI.ANY_TAG, world);
    assertThat(p.getCount(MPI.SHORT)).isEqualTo(2);
    short[] in = new short[2];
    m.mRecv(in, 2, MPI.SHORT);
    assertThat(in).containsExactly((short) 4, (short) 5);
    assertThat(m.isNull()).isTrue();
    assertThat(new Message().imProbe(0, 3, world)).isNull();
  }

  @Test
  void collectivesOnOneRankCopyAndReduce() {
    int[] in = new int[3];
    world.Allreduce(new int[] {1, 2, 3}, 0, in, 0, 3, MPI.INT, MPI.SUM);
    assertThat(in).containsExactly(1, 2, 3);
    int[] inPlace = {4, 5};
    world.allReduce(inPlace, 2, MPI.INT, MPI.MAX);
    assertThat(inPlace).containsExactly(4, 5);
    int[] ex = {-1};
    world.exScan(new int[] {9}, ex, 1, MPI.INT, MPI.SUM);
    assertThat(ex[0]).isEqualTo(-1);
    Object[] text = new Object[1];
    world.Bcast(text, 0, 1, MPI.OBJECT, 0);
    assertThat(world.Split(0, 0).Size()).isEqualTo(1);
    assertThat(world.split(MPI.UNDEFINED, 0).isNull()).isTrue();
  }

  @Test
  void errorsThrowUnderErrorsReturnWithTheirClass() {
    assertThatThrownBy(() -> world.Send(new int[1], 0, 1, MPI.INT, 3, 0)).isInstanceOf(MPIException.class)
        .hasMessageStartingWith("Send: dest 3 is not a rank")
        .extracting(e -> ((MPIException) e).getErrorClass()).isEqualTo(MPI.ERR_RANK);
    assertThatThrownBy(() -> world.Send(new int[1], 0, 1, MPI.INT, 0, -4))
        .extracting(e -> ((MPIException) e).getErrorClass()).isEqualTo(MPI.ERR_TAG);
    assertThatThrownBy(() -> world.Send(new double[1], 0, 1, MPI.INT, 0, 0))
        .hasMessageContaining("double[]")
        .extracting(e -> ((MPIException) e).getErrorClass()).isEqualTo(MPI.ERR_TYPE);
    assertThatThrownBy(() -> world.Send(new int[1], 0, -1, MPI.INT, 0, 0))
        .extracting(e -> ((MPIException) e).getErrorClass()).isEqualTo(MPI.ERR_COUNT);
    assertThatThrownBy(() -> world.Bcast(new int[1], 0, 1, MPI.INT, 2))
        .extracting(e -> ((MPIException) e).getErrorClass()).isEqualTo(MPI.ERR_ROOT);
    Intracomm child = world.Split(0, 0);
    assertThat(child.getErrhandler()).isSameAs(MPI.ERRORS_RETURN);
  }

  @Test
  void topologiesOnOneRank() {
    int[] dims = new int[2];
    CartComm.createDims(1, dims);
    assertThat(dims).containsExactly(1, 1);
    CartComm grid = world.createCart(dims, new boolean[] {true, false}, false);
    ShiftParms periodic = grid.shift(0, 1);
    assertThat(periodic.getRankSource()).isZero();
    ShiftParms open = grid.Shift(1, 1);
    assertThat(open.rank_dest).isEqualTo(MPI.PROC_NULL);
    assertThat(grid.getTopology()).isEqualTo(MPI.CART);
    Cartcomm mpj = world.Create_cart(new int[] {1}, new boolean[] {false}, false);
    assertThat(mpj.Coords(0)).containsExactly(0);
    assertThatThrownBy(() -> world.Create_cart(new int[] {2}, new boolean[] {false}, false))
        .hasMessageContaining("needs 2 processes")
        .extracting(e -> ((MPIException) e).getErrorClass()).isEqualTo(MPI.ERR_ARG);
  }

  @Test
  void infoKeepsKeysInOrder() {
    Info info = new Info();
    info.set("b", "1");
    info.set("a", "2");
    assertThat(info.size()).isEqualTo(2);
    assertThat(info.getKey(0)).isEqualTo("b");
    assertThat(info.get("a")).isEqualTo("2");
    info.delete("b");
    assertThat(info.get("b")).isNull();
    assertThat(MPI.INFO_NULL.isNull()).isTrue();
    assertThat(MPI.INFO_ENV.get("host")).isNotEmpty();
  }
}
