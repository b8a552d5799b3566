# Runs ike_probe against a loopback port where nothing listens and checks its verdict.
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/probe-psk.txt "not-a-real-secret\n")
execute_process(
    COMMAND ${PROBE} --server 127.0.0.1 --local 127.0.0.1 --local-port 0
            --psk-file ${CMAKE_CURRENT_BINARY_DIR}/probe-psk.txt
            --profile ${SOURCE_DIR}/scenarios/profiles/wm2003.json --timeout 0.5
    RESULT_VARIABLE status
    OUTPUT_VARIABLE output)
if(NOT status EQUAL 1)
    message(FATAL_ERROR "expected exit 1, got ${status}: ${output}")
endif()
if(NOT output MATCHES "\"kind\":\"sent\"")
    message(FATAL_ERROR "no sent event: ${output}")
endif()
if(NOT output MATCHES "\"result\":\"failed\"")
    message(FATAL_ERROR "no failed result line: ${output}")
endif()
