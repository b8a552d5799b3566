include(GoogleTest)
find_package(GTest REQUIRED)

# harness_unit_test(<name> SOURCES ... DEPENDS ...): a gtest binary whose tests carry label `unit`.
# Tests run with the test's source folder as working directory, so data paths stay relative.
function(harness_unit_test name)
    cmake_parse_arguments(UT "" "" "SOURCES;DEPENDS" ${ARGN})
    add_executable(${name} ${UT_SOURCES})
    target_link_libraries(${name} PRIVATE ${UT_DEPENDS} GTest::gtest GTest::gmock GTest::gtest_main)
    target_compile_definitions(${name} PRIVATE
        HARNESS_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        HARNESS_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")
    harness_target_defaults(${name})
    gtest_discover_tests(${name}
        WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
        PROPERTIES LABELS unit
        DISCOVERY_TIMEOUT 30)
endfunction()
