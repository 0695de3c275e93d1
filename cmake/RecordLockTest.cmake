# recordlock_add_test(NAME SOURCES file... LABELS label... [LIBS lib...] [TIMEOUT s] [ENV VAR=VAL...])
# Builds one QtTest executable and registers it with ctest under its labels.
function(recordlock_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LABELS;LIBS;ENV" ${ARGN})
    if(NOT ARG_LABELS)
        message(FATAL_ERROR "recordlock_add_test(${name}): LABELS is required")
    endif()
    qt_add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${name} PROPERTIES
        LABELS "${ARG_LABELS}"
        TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;${ARG_ENV}")
endfunction()
