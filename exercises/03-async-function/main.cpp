#include "api.hpp"

int main(int argc, char** argv) {
    return aio::program_main(argc, argv, [] {
        std::string result = aio::run(hello_async());
        aio::print("{}", result);
    });
}
