# harness_add_matrix(<matrix file> [TIMEOUT <seconds>])
#
# Registers every scenario of a matrix as one ctest test that runs `harness run --id <id>`,
# labelled with the matrix's tier (netns or vm) and "scenario". The list of scenarios comes from
# `harness list --format json` after the harness is built, so matrices stay data: editing one
# regenerates the tests at the next build, as gtest_discover_tests does for gtest binaries.
set(HARNESS_MATRIX_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/HarnessMatrixTests.cmake)

function(harness_add_matrix matrix)
    cmake_parse_arguments(M "" "TIMEOUT" "" ${ARGN})
    if(NOT M_TIMEOUT)
        set(M_TIMEOUT 600)
    endif()
    get_filename_component(matrix_abs ${matrix} ABSOLUTE)
    get_filename_component(matrix_dir ${matrix_abs} DIRECTORY)
    get_filename_component(stem ${matrix_abs} NAME_WE)
    set(list_json ${CMAKE_CURRENT_BINARY_DIR}/${stem}.scenarios.json)
    set(tests_file ${CMAKE_CURRENT_BINARY_DIR}/${stem}.ctest.cmake)
    set(include_file ${CMAKE_CURRENT_BINARY_DIR}/${stem}.include.cmake)
    file(GLOB_RECURSE matrix_data CONFIGURE_DEPENDS ${matrix_dir}/*.json ${matrix_dir}/*.jsonc)

    add_custom_command(OUTPUT ${tests_file}
        COMMAND $<TARGET_FILE:harness> list ${matrix_abs} --format json -o ${list_json}
        COMMAND ${CMAKE_COMMAND} -DLIST=${list_json} -DOUT=${tests_file}
                -DHARNESS=$<TARGET_FILE:harness> -DMATRIX=${matrix_abs}
                -DREPORTS=${PROJECT_BINARY_DIR}/reports/ctest -DTIMEOUT=${M_TIMEOUT}
                -P ${HARNESS_MATRIX_SCRIPT}
        DEPENDS harness ${matrix_data} ${HARNESS_MATRIX_SCRIPT}
        COMMENT "Listing the scenarios of ${stem} for ctest"
        VERBATIM)
    add_custom_target(matrix_${stem} ALL DEPENDS ${tests_file})

    file(WRITE ${include_file}
        "if(EXISTS \"${tests_file}\")\n"
        "  include(\"${tests_file}\")\n"
        "else()\n"
        "  add_test(${stem}_NOT_BUILT ${CMAKE_COMMAND} -E false)\n"
        "endif()\n")
    set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${include_file})
endfunction()
