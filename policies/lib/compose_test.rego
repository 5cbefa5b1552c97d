package deploylint.lib.compose_test

import data.deploylint.lib.compose
import data.deploylint.test.compose as builders

services := {
	"redis": builders.service("redis", {}),
	"cache": builders.service("someone/redis", {}),
	"app": builders.service("example/app", {}),
}

# The products of the document's services are looked up in one table built per evaluation.
test_image_product_of_the_documents_services if {
	compose.image_product(services.redis) == "Redis" with input as builders.stack(services)
	compose.image_product(services.cache) == "Redis" with input as builders.stack(services)
	not compose.image_product(services.app) with input as builders.stack(services)
	compose.is_datastore(services.cache) with input as builders.stack(services)
}

# A service that is not one of the document's (a custom rule's own) is judged all the same.
test_image_product_of_another_service if {
	compose.image_product(builders.service("bitnami/redis", {})) == "Redis" with input as builders.stack(services)
	compose.image_product(builders.service("redis", {})) == "Redis" with input as {}
	not compose.image_product(builders.service("example/other", {})) with input as builders.stack(services)
}
