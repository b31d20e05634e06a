import mpi.*;

/* A token goes round the ring twice; every process adds its rank each time it passes. */
public class TokenRing {
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int size = MPI.COMM_WORLD.Size();
        int next = (rank + 1) % size;
        int prev = (rank + size - 1) % size;
        int[] token = new int[1];
        int tag = 50;
        for (int lap = 0; lap < 2; lap++) {
            if (rank == 0) {
                MPI.COMM_WORLD.Send(token, 0, 1, MPI.INT, next, tag);
                Status st = MPI.COMM_WORLD.Recv(token, 0, 1, MPI.INT, prev, tag);
                System.out.println("lap " + lap + ": token is " + token[0] + " (from " + st.source + ")");
            } else {
                MPI.COMM_WORLD.Recv(token, 0, 1, MPI.INT, prev, tag);
                token[0] += rank;
                MPI.COMM_WORLD.Send(token, 0, 1, MPI.INT, next, tag);
            }
        }
        MPI.Finalize();
    }
}
