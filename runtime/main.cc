#include "runtime/kiln.h"

int main(int argc, char** argv) { return kiln::Start(argc, argv); }
