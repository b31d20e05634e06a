package mpi;

/** The MPI standard version picluster's package mpi follows (Open MPI's MPI.getVersion()). */
public final class Version {
  private final int version;
  private final int subVersion;

  Version(int version, int subVersion) {
    this.version = version;
    this.subVersion = subVersion;
  }

  public int getVersion() {
    return version;
  }

  public int getSubVersion() {
    return subVersion;
  }

  @Override
  public String toString() {
    return version + "." + subVersion;
  }
}
