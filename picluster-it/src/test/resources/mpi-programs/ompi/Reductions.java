import mpi.*;

/* Sums and maxima with allReduce, and an error turned into an exception and caught. */
public class Reductions {
    public static void main(String[] args) throws MPIException {
        MPI.Init(args);
        Intracomm comm = MPI.COMM_WORLD;
        int rank = comm.getRank();
        double[] value = {rank + 1.0};
        double[] total = new double[1];
        comm.allReduce(value, total, 1, MPI.DOUBLE, MPI.SUM);
        int[] biggest = {rank};
        comm.allReduce(biggest, 1, MPI.INT, MPI.MAX);
        comm.setErrhandler(MPI.ERRORS_RETURN);
        String caught = "nothing";
        try {
            comm.send(new int[1], 1, MPI.INT, comm.getSize() + 1, 0);
        } catch (MPIException e) {
            caught = "an MPIException";
        }
        if (rank == 0) {
            System.out.println("total " + total[0] + ", biggest rank " + biggest[0] + ", caught " + caught);
        }
        MPI.Finalize();
    }
}
