import mpi.*;

/* Lab 1: every process says hello. (MPJ Express style: no throws clause on main.) */
public class HelloWorld {
    public static void main(String args[]) {
        MPI.Init(args);
        int me = MPI.COMM_WORLD.Rank();
        int size = MPI.COMM_WORLD.Size();
        System.out.println("Hi from <" + me + "> of " + size);
        MPI.Finalize();
    }
}
