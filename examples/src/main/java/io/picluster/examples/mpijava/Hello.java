package io.picluster.examples.mpijava;

import mpi.MPI;

/**
 * Hello in the mpiJava 1.2 style of MPJ Express: {@code MPI.Init}, capitalised methods
 * ({@code Rank()}, {@code Size()}), and no {@code throws} clause, since MPJ Express's
 * {@code MPIException} is unchecked (as picluster's is). Every rank prints, in any order:
 *
 * <pre>
 * Hello from rank 0 of 4 on node1 (mpiJava)
 * </pre>
 *
 * <p>Run: {@code picluster java -np 4 -cp picluster-examples.jar io.picluster.examples.mpijava.Hello}.
 */
public class Hello {
  public static void main(String[] args) {
    MPI.Init(args); // returns the program's own arguments: picluster adds nothing to them
    int rank = MPI.COMM_WORLD.Rank();
    int size = MPI.COMM_WORLD.Size();
    System.out.println("Hello from rank " + rank + " of " + size + " on " + MPI.Get_processor_name()
        + " (mpiJava)");
    MPI.Finalize();
  }
}
