package mpi;

import io.picluster.comm.SendMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Neighbourhood collectives (MPI_Neighbor_allgather(v), MPI_Neighbor_alltoall(v)) on a communicator
 * with a topology: point-to-point messages to and from each neighbour, on a private duplicate of the
 * communicator so that no receive of the program can take them.
 */
final class Neighbours {
  private Neighbours() {}

  /** Sends {@code send} to every out-neighbour; block i of {@code recv} comes from in-neighbour i. */
  static void allGather(Comm comm, Region send, Region recv, int[] counts, int[] displs) {
    Neighbourhood n = comm.neighbourhood();
    Intracomm channel = comm.neighbourChannel();
    List<Operation> pending = new ArrayList<>();
    receiveBlocks(channel, n, recv, counts, displs, pending);
    Region copy = send.packedCopy();
    for (int j = 0; j < n.destinations.length; j++) {
      pending.add(channel.startSend(copy, n.destinations[j], n.destinationTags[j], SendMode.STANDARD));
    }
    awaitAll(pending);
  }

  /** Block j of {@code send} goes to out-neighbour j; block i of {@code recv} comes from in-neighbour i. */
  static void allToAll(Comm comm, Region send, int[] scounts, int[] sdispls, Region recv, int[] rcounts,
      int[] rdispls) {
    Neighbourhood n = comm.neighbourhood();
    Intracomm channel = comm.neighbourChannel();
    List<Operation> pending = new ArrayList<>();
    receiveBlocks(channel, n, recv, rcounts, rdispls, pending);
    for (int j = 0; j < n.destinations.length; j++) {
      Region block = scounts == null
          ? send.at(Math.multiplyExact(j, send.count), send.count)
          : send.at(at(sdispls, j, "send displacements"), at(scounts, j, "send counts"));
      pending.add(channel.startSend(block.packedCopy(), n.destinations[j], n.destinationTags[j], SendMode.STANDARD));
    }
    awaitAll(pending);
  }

  private static void receiveBlocks(Intracomm channel, Neighbourhood n, Region recv, int[] counts, int[] displs,
      List<Operation> pending) {
    for (int i = 0; i < n.sources.length; i++) {
      Region block = counts == null
          ? recv.at(Math.multiplyExact(i, recv.count), recv.count)
          : recv.at(at(displs, i, "receive displacements"), at(counts, i, "receive counts"));
      pending.add(channel.startRecv(block, n.sources[i], n.sourceTags[i]));
    }
  }

  private static int at(int[] values, int i, String what) {
    if (values == null || values.length <= i) {
      throw new MPIException("the " + what + " need one entry per neighbour (at least " + (i + 1) + ")");
    }
    return values[i];
  }

  private static void awaitAll(List<Operation> pending) {
    for (Operation op : pending) {
      op.await();
    }
  }
}
