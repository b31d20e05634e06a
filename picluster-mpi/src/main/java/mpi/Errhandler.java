package mpi;

/**
 * An error handler: MPI.ERRORS_ARE_FATAL (an error ends the whole job), MPI.ERRORS_RETURN (an error
 * becomes an MPIException) or, in Open MPI 5, MPI.ERRORS_ABORT (ends the job like fatal).
 */
public final class Errhandler {
  static final Errhandler FATAL = new Errhandler("MPI_ERRORS_ARE_FATAL", true);
  static final Errhandler RETURN = new Errhandler("MPI_ERRORS_RETURN", false);
  static final Errhandler ABORT = new Errhandler("MPI_ERRORS_ABORT", true);

  private final String name;
  private final boolean fatal;

  private Errhandler(String name, boolean fatal) {
    this.name = name;
    this.fatal = fatal;
  }

  /** True when an error under this handler ends the job rather than throwing. */
  boolean isFatal() {
    return fatal;
  }

  @Override
  public String toString() {
    return name;
  }
}
