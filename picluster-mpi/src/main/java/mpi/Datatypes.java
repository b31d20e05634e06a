package mpi;

/** The basic datatype of each base type, for moving packed elements as they are. */
final class Datatypes {
  private Datatypes() {}

  static Datatype basic(BaseType base) {
    switch (base) {
      case BYTE: return MPI.BYTE;
      case CHAR: return MPI.CHAR;
      case SHORT: return MPI.SHORT;
      case BOOLEAN: return MPI.BOOLEAN;
      case INT: return MPI.INT;
      case LONG: return MPI.LONG;
      case FLOAT: return MPI.FLOAT;
      case DOUBLE: return MPI.DOUBLE;
      default: return MPI.OBJECT;
    }
  }
}
