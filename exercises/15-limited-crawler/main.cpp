#include "api.hpp"

int main(int argc, char** argv) {
    return aio::program_main(argc, argv, [] { aio::run(crawl()); });
}
