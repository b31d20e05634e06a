package io.picluster.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Intercommunicators between two halves of a job, on ranks in one JVM. */
class InterCommTest {
  /** The low half (ranks below size/2, at least one) is group 0, the rest group 1. */
  private static int half(Comm world) {
    return world.rank() < Math.max(1, world.size() / 2) ? 0 : 1;
  }

  private static InterComm connectHalves(Comm world, Comm mine) {
    int otherLeader = half(world) == 0 ? Math.max(1, world.size() / 2) : 0; // world rank of the other half's rank 0
    return mine.createIntercomm(0, world, otherLeader, 99);
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {2, 3, 4, 5})
  void ranksSendToTheRemoteGroup(int ranks) {
    InProcessRanks.run(ranks, world -> {
      Comm mine = world.split(half(world), 0);
      InterComm inter = connectHalves(world, mine);
      int lowSize = Math.max(1, world.size() / 2);
      int[] low = IntStream.range(0, lowSize).toArray();
      int[] high = IntStream.range(lowSize, world.size()).toArray();
      assertThat(inter.rank()).isEqualTo(mine.rank());
      assertThat(inter.size()).isEqualTo(mine.size());
      assertThat(inter.worldRanks()).containsExactly(half(world) == 0 ? low : high);
      assertThat(inter.remoteWorldRanks()).containsExactly(half(world) == 0 ? high : low);
      assertThat(inter.remoteSize()).isEqualTo(world.size() - mine.size());
      assertThat(inter.worldRank()).isEqualTo(world.rank());

      // local rank r sends to remote rank r % remoteSize: count what comes, from whom
      int dest = inter.rank() % inter.remoteSize();
      List<Request<Void>> sends = new ArrayList<>();
      sends.add(inter.isendArray(new int[] {world.rank(), dest}, 0, 2, dest, 5, SendMode.SYNCHRONOUS));
      // the same on the world with the same tag: must not mix with the intercommunicator's
      world.send("world", (world.rank() + 1) % world.size(), 5);
      int expected = 0;
      for (int q = 0; q < inter.remoteSize(); q++) {
        expected += q % inter.size() == inter.rank() ? 1 : 0;
      }
      for (int i = 0; i < expected; i++) {
        Status seen = inter.probe(Comm.ANY_SOURCE, 5);
        int[] in = new int[2];
        Status got = inter.recvArray(in, 0, 2, seen.source(), 5);
        assertThat(got.source()).isEqualTo(seen.source());
        assertThat(in[0]).as("world rank of remote rank " + got.source())
            .isEqualTo(inter.remoteWorldRanks()[got.source()]);
        assertThat(in[1]).isEqualTo(inter.rank());
      }
      assertThat(inter.iprobe(Comm.ANY_SOURCE, 5)).isNull();
      Request.awaitAll(sends);
      assertThat((String) world.recv(Comm.ANY_SOURCE, 5)).isEqualTo("world");

      // objects, both ways between the leaders
      if (inter.rank() == 0) {
        inter.send("from group " + half(world), 0, 6);
        Received<String> r = inter.recvWithStatus(0, 6);
        assertThat(r.value()).isEqualTo("from group " + (1 - half(world)));
        assertThat(r.status().source()).isZero();
      }
      assertThatThrownBy(() -> inter.send("x", inter.remoteSize(), 1))
          .hasMessageContaining("is not a rank of the remote group");
      inter.barrier();
    });
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {2, 3, 5})
  void dupAndMergeAgreeAcrossTheGroups(int ranks) {
    InProcessRanks.run(ranks, world -> {
      Comm mine = world.split(half(world), 0);
      InterComm inter = connectHalves(world, mine);
      InterComm copy = inter.dup();
      assertThat(copy.remoteWorldRanks()).containsExactly(inter.remoteWorldRanks());
      if (inter.rank() == 0) {
        copy.send("on the copy", 0, 1);
        inter.send("on the original", 0, 1);
        assertThat((String) inter.recv(0, 1)).isEqualTo("on the original");
        assertThat((String) copy.recv(0, 1)).isEqualTo("on the copy");
      }

      // the high half says high=false: it comes first
      Comm highFirst = inter.merge(half(world) == 0);
      int lowSize = Math.max(1, world.size() / 2);
      int highSize = world.size() - lowSize;
      int expectedRank = half(world) == 1 ? world.rank() - lowSize : highSize + world.rank();
      assertThat(highFirst.rank()).isEqualTo(expectedRank);
      assertThat(highFirst.size()).isEqualTo(world.size());
      assertThat(highFirst.allreduce(1, Op.SUM)).isEqualTo(world.size());
      // both say the same: the group holding world rank 0 comes first, so it is the world's order
      Comm same = copy.merge(true);
      assertThat(same.rank()).isEqualTo(world.rank());
      assertThat(same.allgather(world.rank())).isEqualTo(world.allgather(world.rank()));
      // and the merged communicators do not mix with the others
      same.send("same", (same.rank() + 1) % same.size(), 2);
      world.send("world", (world.rank() + 1) % world.size(), 2);
      assertThat((String) world.recv(Comm.ANY_SOURCE, 2)).isEqualTo("world");
      assertThat((String) same.recv(Comm.ANY_SOURCE, 2)).isEqualTo("same");
    });
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {2, 3})
  void groupsThatOverlapAreRefused(int ranks) {
    InProcessRanks.run(ranks, world -> {
      Comm mine = world.split(half(world), 0);
      int myLeader = half(world) == 0 ? 0 : Math.max(1, world.size() / 2);
      assertThatThrownBy(() -> mine.createIntercomm(0, world, myLeader, 7))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is in both groups");
      connectHalves(world, mine).barrier(); // still usable after
    });
  }
}
