# SPDX-License-Identifier: MIT
# Desktop adapters against real servers: tests/run-under-x.sh starts Xvfb, a
# private session bus and dunst around the Catch2 binary, and stops them
# after. Not limber_unit_test(): catch_discover_tests would also register
# every case to run bare, outside that desktop. One ctest entry runs them all.
add_executable(test_desktop desktop_test.cpp desktop_notifier_test.cpp)
target_link_libraries(test_desktop PRIVATE limber_desktop limber_catch_main limber_warnings)
add_test(NAME desktop COMMAND ${PROJECT_SOURCE_DIR}/tests/run-under-x.sh $<TARGET_FILE:test_desktop>)
set_tests_properties(desktop PROPERTIES LABELS "unit;desktop" TIMEOUT 180)
