#include "shopping_cart.hpp"

#include <cstdint>
#include <limits>
#include <string>

namespace shopping_cart {

namespace {

const statefun::ValueSpec<Basket>& basket_spec() {
  static const statefun::ValueSpec<Basket> spec("basket", basket_type());
  return spec;
}

const statefun::ValueSpec<std::int32_t>& stock_spec() {
  static const statefun::ValueSpec<std::int32_t> spec("stock", statefun::int_type());
  return spec;
}

const statefun::TypeName& stock_function() {
  static const statefun::TypeName type("com.example/stock");
  return type;
}

const statefun::TypeName& playground_egress() {
  static const statefun::TypeName egress("io.statefun.playground/egress");
  return egress;
}

[[noreturn]] void reject(const std::string& reason) {
  throw statefun::Error(statefun::errc::invalid_message, reason);
}

/// The caller a message must have: the function that asked, to be answered.
const statefun::Address& caller_of(const statefun::Context& context, const char* what) {
  if (!context.caller()) {
    reject(std::string(what) + " must come from a function (it has no caller to answer)");
  }
  return *context.caller();
}

/// a + b, held at the largest quantity rather than overflowing.
std::int32_t add_capped(std::int32_t a, std::int32_t b) {
  return a > std::numeric_limits<std::int32_t>::max() - b ? std::numeric_limits<std::int32_t>::max()
                                                          : a + b;
}

void add_to_basket(statefun::Context& context,
                   const std::string& item,
                   const ItemAvailability& availability) {
  if (availability.status != ItemAvailability::Status::in_stock) {
    return;
  }
  auto& storage = context.storage();
  Basket basket = storage.get(basket_spec()).value_or(Basket{});
  std::int32_t& quantity = basket.items[item];
  quantity = add_capped(quantity, availability.quantity);
  storage.set(basket_spec(), basket);
}

void clear(statefun::Context& context) {
  auto& storage = context.storage();
  const auto basket = storage.get(basket_spec());
  if (!basket) {
    return;
  }
  for (const auto& [item, quantity] : basket->items) {
    context.send(statefun::MessageBuilder(stock_function(), item)
                     .with_value(restock_item_type(), RestockItem{item, quantity})
                     .build());
  }
  storage.remove(basket_spec());
}

void checkout(statefun::Context& context) {
  auto& storage = context.storage();
  const auto basket = storage.get(basket_spec());
  if (!basket || basket->items.empty()) {
    return;
  }
  const Receipt receipt{context.self().id, receipt_details(*basket)};
  context.send_egress(statefun::EgressMessageBuilder(playground_egress())
                          .with_value(egress_record_type(),
                                      EgressRecord{"receipts", receipt_type().serialize(receipt)})
                          .build());
  storage.remove(basket_spec());
}

}  // namespace

std::string receipt_details(const Basket& basket) {
  std::string details;
  for (const auto& [item, quantity] : basket.items) {
    details += (details.empty() ? "" : "\n") + item + ": " + std::to_string(quantity);
  }
  return details;
}

void user_shopping_cart(statefun::Context& context, const statefun::Message& message) {
  if (message.is(add_to_cart_type())) {
    const AddToCart add = message.as(add_to_cart_type());
    context.send(statefun::MessageBuilder(stock_function(), add.item_id)
                     .with_value(request_item_type(), RequestItem{add.quantity})
                     .build());
  } else if (message.is(item_availability_type())) {
    const statefun::Address& stock = caller_of(context, "ItemAvailability");
    add_to_basket(context, stock.id, message.as(item_availability_type()));
  } else if (message.is(clear_cart_type())) {
    (void)message.as(clear_cart_type());  // checked: a malformed message is rejected
    clear(context);
  } else if (message.is(checkout_type())) {
    (void)message.as(checkout_type());
    checkout(context);
  } else {
    reject(
        "com.example/user-shopping-cart takes AddToCart, ItemAvailability, ClearCart and "
        "Checkout, not " +
        std::string(message.value_type_name()));
  }
}

void stock(statefun::Context& context, const statefun::Message& message) {
  auto& storage = context.storage();
  const std::int32_t available = storage.get(stock_spec()).value_or(0);
  if (message.is(restock_item_type())) {
    storage.set(stock_spec(), add_capped(available, message.as(restock_item_type()).quantity));
  } else if (message.is(request_item_type())) {
    const RequestItem request = message.as(request_item_type());
    const statefun::Address& cart = caller_of(context, "RequestItem");
    const bool in_stock = available >= request.quantity;
    if (in_stock) {
      storage.set(stock_spec(), available - request.quantity);
    }
    context.send(statefun::MessageBuilder(cart)
                     .with_value(item_availability_type(),
                                 ItemAvailability{in_stock ? ItemAvailability::Status::in_stock
                                                           : ItemAvailability::Status::out_of_stock,
                                                  request.quantity})
                     .build());
  } else {
    reject("com.example/stock takes RestockItem and RequestItem, not " +
           std::string(message.value_type_name()));
  }
}

void bind_functions(statefun::StatefulFunctions& functions) {
  functions.bind("com.example/user-shopping-cart", {basket_spec()}, user_shopping_cart);
  functions.bind("com.example/stock", {stock_spec()}, stock);
}

}  // namespace shopping_cart
