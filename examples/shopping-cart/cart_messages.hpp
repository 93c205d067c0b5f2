// The shopping cart's messages and state, as the statefun-playground's Java shopping cart
// writes them: JSON objects with the same field names and typenames (com.example/...), so that
// its ingress messages and its receipts read the same whichever implementation runs.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include <statefun/types.hpp>

namespace shopping_cart {

/// com.example/AddToCart, from the ingress to com.example/user-shopping-cart/<userId>.
struct AddToCart {
  std::string user_id;  ///< "userId"
  std::string item_id;  ///< "itemId"
  std::int32_t quantity = 0;
};

/// com.example/ClearCart: every item of the basket goes back to its stock.
struct ClearCart {
  std::string user_id;  ///< "userId"
};

/// com.example/Checkout: the basket becomes a receipt on the egress.
struct Checkout {
  std::string user_id;  ///< "userId"
};

/// com.example/RestockItem, to com.example/stock/<itemId>: from the ingress, or a cleared cart.
struct RestockItem {
  std::string item_id;  ///< "itemId"
  std::int32_t quantity = 0;
};

/// com.example/RequestItem, from a cart to com.example/stock/<item>: reserve `quantity`.
struct RequestItem {
  std::int32_t quantity = 0;
};

/// com.example/ItemAvailability, from a stock back to the cart that asked (its caller).
struct ItemAvailability {
  enum class Status : std::uint8_t { in_stock, out_of_stock };  ///< "INSTOCK", "OUTOFSTOCK"
  Status status = Status::out_of_stock;
  std::int32_t quantity = 0;
};

/// com.example/Receipt: a checked-out basket, one "item: quantity" line per item.
struct Receipt {
  std::string user_id;  ///< "userId"
  std::string details;
};

/// com.example/Basket, the cart's state: {"basket": {item id: quantity}}.
struct Basket {
  std::map<std::string, std::int32_t> items;
};

/// io.statefun.playground/EgressRecord: {"topic", "payload"}.
struct EgressRecord {
  std::string topic;
  std::string payload;
};

// The types: reading a message that is not a JSON object with every field, of the right JSON
// type, throws statefun::Error(errc::invalid_value) with the reason, which becomes HTTP 422.
// Quantities must be positive (1 to 2^31 - 1).
const statefun::Type<AddToCart>& add_to_cart_type();
const statefun::Type<ClearCart>& clear_cart_type();
const statefun::Type<Checkout>& checkout_type();
const statefun::Type<RestockItem>& restock_item_type();
const statefun::Type<RequestItem>& request_item_type();
const statefun::Type<ItemAvailability>& item_availability_type();
const statefun::Type<Receipt>& receipt_type();
const statefun::Type<Basket>& basket_type();
const statefun::Type<EgressRecord>& egress_record_type();

}  // namespace shopping_cart
