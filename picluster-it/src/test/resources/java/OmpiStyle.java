import mpi.MPI;
import mpi.MPIException;

// An Open MPI Java program as such programs are written: throws MPIException, no offsets.
public class OmpiStyle {
  public static void main(String[] args) throws MPIException {
    String[] rest = MPI.Init(args);
    int rank = MPI.COMM_WORLD.getRank();
    int size = MPI.COMM_WORLD.getSize();
    int[] value = {rank};
    MPI.COMM_WORLD.allReduce(value, 1, MPI.INT, MPI.SUM);
    System.out.println("ompi rank " + rank + " of " + size + " on " + MPI.getProcessorName() + " sum "
        + value[0] + " args " + String.join(",", rest));
    MPI.Finalize();
  }
}
