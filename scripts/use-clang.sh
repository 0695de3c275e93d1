# Sourced by test.sh and run.sh after build_dir is set: selects the project's compiler.
# The project builds with clang, so the fuzz tests (label fuzz) are part of every test run and
# run.sh shares test.sh's build directory. RECORDLOCK_CC / RECORDLOCK_CXX choose another compiler.
# A build directory configured earlier with another compiler cannot switch in place: its cache is
# dropped and it is configured afresh.
export CC=${RECORDLOCK_CC:-clang} CXX=${RECORDLOCK_CXX:-clang++}
if [ -f "$build_dir/CMakeCache.txt" ]; then
  cached_cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build_dir/CMakeCache.txt")
  if [ "$(readlink -f "$cached_cxx")" != "$(readlink -f "$(command -v "$CXX")")" ]; then
    echo "Build directory $build_dir was configured for $cached_cxx; reconfiguring it for $CXX."
    rm -rf "$build_dir/CMakeCache.txt" "$build_dir/CMakeFiles"
  fi
fi
