import java.io.*;
import java.util.*;
import mpi.*;

/*
 * Pi by the midpoint rule: the master broadcasts the number of intervals, each process sums
 * its share, the partial sums are reduced at the master. The partial sums are also gathered and
 * kept in a Vector, and the result line is written to a File, to use the java.util and java.io
 * names next to mpi.*.
 */
public class PiByIntervals {
    public static void main(String[] args) throws MPIException, IOException {
        String[] appArgs = MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int size = MPI.COMM_WORLD.Size();
        int[] n = new int[1];
        if (rank == 0) {
            n[0] = Integer.parseInt(appArgs[0]);
        }
        MPI.COMM_WORLD.Bcast(n, 0, 1, MPI.INT, 0);
        double h = 1.0 / n[0];
        double sum = 0.0;
        for (int i = rank; i < n[0]; i += size) {
            double x = h * (i + 0.5);
            sum += 4.0 / (1.0 + x * x);
        }
        double[] mine = {sum * h};
        double[] pi = new double[1];
        MPI.COMM_WORLD.Reduce(mine, 0, pi, 0, 1, MPI.DOUBLE, MPI.SUM, 0);
        double[] parts = new double[size];
        MPI.COMM_WORLD.Gather(mine, 0, 1, MPI.DOUBLE, parts, 0, 1, MPI.DOUBLE, 0);
        if (rank == 0) {
            Vector<Double> kept = new Vector<Double>();
            for (double p : parts) {
                kept.add(p);
            }
            File report = File.createTempFile("pi-report", ".txt");
            report.deleteOnExit();
            PrintWriter w = new PrintWriter(new FileWriter(report));
            w.printf("pi is about %.10f from %d parts%n", pi[0], kept.size());
            w.close();
            BufferedReader r = new BufferedReader(new FileReader(report));
            System.out.println(r.readLine());
            r.close();
        }
        MPI.Finalize();
    }
}
