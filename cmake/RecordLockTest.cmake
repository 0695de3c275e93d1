# recordlock_add_test(NAME SOURCES file... LABELS label... [LIBS lib...] [TIMEOUT s] [ENV VAR=VAL...] [SERVER])
# recordlock_add_test(NAME EXECUTABLE target LABELS label... [TIMEOUT s] [ENV VAR=VAL...] [SERVER])
# Builds one QtTest executable and registers it with ctest under its labels. With EXECUTABLE, builds
# nothing and registers another run of an existing test executable (e.g. the same test against
# another storage backend, chosen by ENV).
# SERVER: the test runs a real recordlockd; RECORDLOCKD is set to its path and building the test
# builds the server too.
function(recordlock_add_test name)
    cmake_parse_arguments(ARG "SERVER" "TIMEOUT;EXECUTABLE" "SOURCES;LABELS;LIBS;ENV" ${ARGN})
    if(NOT ARG_LABELS)
        message(FATAL_ERROR "recordlock_add_test(${name}): LABELS is required")
    endif()
    if(ARG_EXECUTABLE)
        if(ARG_SOURCES OR ARG_LIBS)
            message(FATAL_ERROR "recordlock_add_test(${name}): EXECUTABLE takes no SOURCES or LIBS")
        endif()
        set(executable ${ARG_EXECUTABLE})
    else()
        set(executable ${name})
        qt_add_executable(${name} ${ARG_SOURCES})
        target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    endif()
    add_test(NAME ${name} COMMAND ${executable})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    if(ARG_SERVER)
        if(TARGET recordlockd)
            list(APPEND ARG_ENV "RECORDLOCKD=$<TARGET_FILE:recordlockd>")
            add_dependencies(${executable} recordlockd)
        else()
            # Without the server target the test still builds; ServerProcess::start() then fails
            # with a message saying RECORDLOCKD is not set.
            message(STATUS "recordlock_add_test(${name}): no recordlockd target; RECORDLOCKD left unset")
        endif()
    endif()
    set_tests_properties(${name} PROPERTIES
        LABELS "${ARG_LABELS}"
        TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;${ARG_ENV}")
endfunction()
