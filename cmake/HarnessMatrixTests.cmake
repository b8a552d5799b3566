# Script mode (cmake -P): turns `harness list --format json` output into add_test() calls.
# Inputs: LIST (json file), OUT (cmake file to write), HARNESS, MATRIX, REPORTS, TIMEOUT.
file(READ ${LIST} listing)
string(JSON matrix_name GET "${listing}" matrix)
string(JSON tier GET "${listing}" tier)
string(JSON count GET "${listing}" count)

set(lines "")
if(count GREATER 0)
    math(EXPR last "${count} - 1")
    foreach(i RANGE ${last})
        string(JSON id GET "${listing}" scenarios ${i} id)
        string(REPLACE "/" "_" folder "${id}")
        set(name "${matrix_name}:${id}")
        string(APPEND lines
            "add_test([==[${name}]==] [==[${HARNESS}]==] run [==[${MATRIX}]==] --id [==[${id}]==]"
            " --quiet --skip-exit-code 77 --output [==[${REPORTS}/${matrix_name}/${folder}]==])\n"
            "set_tests_properties([==[${name}]==] PROPERTIES LABELS \"${tier};scenario\""
            " SKIP_RETURN_CODE 77 TIMEOUT ${TIMEOUT})\n")
    endforeach()
endif()
file(WRITE ${OUT} "${lines}")
