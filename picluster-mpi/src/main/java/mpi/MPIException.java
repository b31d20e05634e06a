package mpi;

/**
 * Signals an MPI error. Unchecked, as in MPJ Express, so programs whose {@code main} declares no
 * {@code throws} compile; Open MPI code that declares or catches it compiles too. Carries Open MPI's
 * error code and class (MPI.ERR_OTHER unless a more precise one applies).
 */
public class MPIException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int errorCode;

  public MPIException() {
    this(MPI.ERR_OTHER, null, null);
  }

  public MPIException(String message) {
    this(MPI.ERR_OTHER, message, null);
  }

  public MPIException(Throwable cause) {
    this(MPI.ERR_OTHER, cause == null ? null : cause.getMessage(), cause);
  }

  MPIException(int errorCode, String message) {
    this(errorCode, message, null);
  }

  MPIException(int errorCode, String message, Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
  }

  /** The MPI error code (one of MPI.ERR_*). */
  public int getErrorCode() {
    return errorCode;
  }

  /** The MPI error class; picluster's codes are their own classes. */
  public int getErrorClass() {
    return errorCode;
  }
}
