package io.picluster.examples.openmpi;

import mpi.MPI;
import mpi.MPIException;

/**
 * Hello in the style of Open MPI's Java bindings: lower-camel-case methods ({@code getRank()},
 * {@code getSize()}) and {@code throws MPIException}, which Open MPI declares checked (picluster's
 * is unchecked, so the clause is harmless). Every rank prints, in any order:
 *
 * <pre>
 * Hello from rank 0 of 4 on node1 (Open MPI Java)
 * </pre>
 *
 * <p>Run: {@code picluster java -np 4 -cp picluster-examples.jar io.picluster.examples.openmpi.Hello}.
 */
public class Hello {
  public static void main(String[] args) throws MPIException {
    MPI.Init(args);
    int rank = MPI.COMM_WORLD.getRank();
    int size = MPI.COMM_WORLD.getSize();
    System.out.println("Hello from rank " + rank + " of " + size + " on " + MPI.getProcessorName()
        + " (Open MPI Java)");
    MPI.Finalize();
  }
}
