package mpi;

/** An MPI object the program may free (Open MPI's interface; MPJ Express had it package-private). */
public interface Freeable {
  void free() throws MPIException;
}
