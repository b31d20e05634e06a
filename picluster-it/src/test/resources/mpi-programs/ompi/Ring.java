import java.nio.IntBuffer;
import mpi.*;

/*
 * Rank 0 starts a countdown around the ring; rank 0 takes one off each time it comes back, and
 * every process leaves once it has passed on a zero.
 */
class Ring {
    static public void main(String[] args) throws MPIException {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.getRank();
        int size = MPI.COMM_WORLD.getSize();
        int next = (rank + 1) % size;
        int prev = (rank + size - 1) % size;
        int tag = 201;
        IntBuffer message = MPI.newIntBuffer(1);
        if (rank == 0) {
            message.put(0, 5);
            MPI.COMM_WORLD.send(message, 1, MPI.INT, next, tag);
        }
        int laps = 0;
        while (true) {
            MPI.COMM_WORLD.recv(message, 1, MPI.INT, prev, tag);
            if (rank == 0) {
                message.put(0, message.get(0) - 1);
                laps++;
            }
            MPI.COMM_WORLD.send(message, 1, MPI.INT, next, tag);
            if (message.get(0) == 0) {
                break;
            }
        }
        if (rank == 0) {
            MPI.COMM_WORLD.recv(message, 1, MPI.INT, prev, tag);
            System.out.println("Process 0 counted " + laps + " laps");
        }
        MPI.Finalize();
    }
}
