// Unit tests of the shopping cart's functions, called in process through the test kit's
// runtime-like Session (state kept between requests, missing state resolved).
#include "shopping_cart.hpp"

#include <optional>
#include <string>
#include <utility>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/testkit/client.hpp>
#include <statefun/testkit/session.hpp>

namespace shopping_cart {
namespace {

using statefun::Address;
using statefun::TypedValue;
using statefun::protocol::Response;
using statefun::testkit::CallError;
using testing::HasSubstr;

TypedValue json_value(const std::string& type_name, const std::string& json) {
  return TypedValue{type_name, true, json};
}

class ShoppingCart : public testing::Test {
 protected:
  ShoppingCart() : client_(handler()), session_(client_) {}

  static statefun::RequestReplyHandler handler() {
    statefun::StatefulFunctions functions;
    bind_functions(functions);
    return statefun::RequestReplyHandler(std::move(functions));
  }

  Response send(const Address& to, const TypedValue& value, std::optional<Address> caller = {}) {
    return session_.send(to, value, std::move(caller));
  }

  std::string state(const Address& address, const std::string& name) const {
    const auto value = session_.value(address, name);
    return value ? value->value : "(none)";
  }

  const Address cart_{"com.example/user-shopping-cart", "1"};
  const Address socks_{"com.example/stock", "socks"};
  statefun::testkit::InProcessClient client_;
  statefun::testkit::Session session_;
};

TEST_F(ShoppingCart, TheStockReservesWhatItHasAndAnswersItsCaller) {
  send(socks_, json_value("com.example/RestockItem", R"({"itemId":"socks","quantity":5})"));
  EXPECT_EQ(state(socks_, "stock"), statefun::int_type().serialize(5));

  const Response reserved =
      send(socks_, json_value("com.example/RequestItem", R"({"quantity":2})"), cart_);
  ASSERT_EQ(reserved.messages.size(), 1U);
  EXPECT_EQ(reserved.messages[0].target, cart_);
  EXPECT_EQ(reserved.messages[0].argument.type_name, "com.example/ItemAvailability");
  EXPECT_EQ(reserved.messages[0].argument.value, R"({"quantity":2,"status":"INSTOCK"})");
  EXPECT_EQ(state(socks_, "stock"), statefun::int_type().serialize(3));

  const Response refused =
      send(socks_, json_value("com.example/RequestItem", R"({"quantity":4})"), cart_);
  ASSERT_EQ(refused.messages.size(), 1U);
  EXPECT_EQ(refused.messages[0].argument.value, R"({"quantity":4,"status":"OUTOFSTOCK"})");
  EXPECT_TRUE(refused.mutations.empty());  // the stock is left alone
}

TEST_F(ShoppingCart, TheCartAsksTheStockAndFillsItsBasketFromTheAnswers) {
  const Response asked =
      send(cart_,
           json_value("com.example/AddToCart", R"({"userId":"1","itemId":"socks","quantity":2})"));
  ASSERT_EQ(asked.messages.size(), 1U);
  EXPECT_EQ(asked.messages[0].target, socks_);
  EXPECT_EQ(asked.messages[0].argument.value, R"({"quantity":2})");
  EXPECT_EQ(state(cart_, "basket"), "(none)");  // nothing until the stock answers

  const TypedValue in_stock =
      json_value("com.example/ItemAvailability", R"({"status":"INSTOCK","quantity":2})");
  send(cart_, in_stock, socks_);
  send(cart_, in_stock, socks_);
  send(cart_,
       json_value("com.example/ItemAvailability", R"({"status":"OUTOFSTOCK","quantity":7})"),
       socks_);
  send(cart_, in_stock, Address("com.example/stock", "hats"));
  EXPECT_EQ(state(cart_, "basket"), R"({"basket":{"hats":2,"socks":4}})");
}

TEST_F(ShoppingCart, ClearingReturnsEveryItemToItsStockAndEmptiesTheBasket) {
  session_.set_value(
      cart_, "basket", json_value("com.example/Basket", R"({"basket":{"hats":1,"socks":4}})"));
  const Response cleared = send(cart_, json_value("com.example/ClearCart", R"({"userId":"1"})"));
  ASSERT_EQ(cleared.messages.size(), 2U);
  EXPECT_EQ(cleared.messages[0].target, Address("com.example/stock", "hats"));
  EXPECT_EQ(cleared.messages[0].argument.value, R"({"itemId":"hats","quantity":1})");
  EXPECT_EQ(cleared.messages[1].target, socks_);
  EXPECT_EQ(cleared.messages[1].argument.value, R"({"itemId":"socks","quantity":4})");
  EXPECT_EQ(state(cart_, "basket"), "(none)");
}

TEST_F(ShoppingCart, CheckingOutSendsAReceiptAndEmptiesTheBasket) {
  session_.set_value(
      cart_, "basket", json_value("com.example/Basket", R"({"basket":{"socks":4,"hats":1}})"));
  const Response receipt = send(cart_, json_value("com.example/Checkout", R"({"userId":"1"})"));
  ASSERT_EQ(receipt.egress.size(), 1U);
  EXPECT_EQ(receipt.egress[0].egress, "io.statefun.playground/egress");
  EXPECT_EQ(receipt.egress[0].argument.type_name, "io.statefun.playground/EgressRecord");
  EXPECT_EQ(receipt.egress[0].argument.value,
            R"({"payload":"{\"details\":\"hats: 1\\nsocks: 4\",\"userId\":\"1\"}",)"
            R"("topic":"receipts"})");
  EXPECT_EQ(state(cart_, "basket"), "(none)");

  const Response nothing = send(cart_, json_value("com.example/Checkout", R"({"userId":"1"})"));
  EXPECT_TRUE(nothing.egress.empty());  // an empty cart has no receipt
  EXPECT_TRUE(nothing.mutations.empty());
}

TEST_F(ShoppingCart, MalformedOrUnknownMessagesAreRejectedWithTheReason) {
  const auto rejected = [this](const Address& to,
                               const TypedValue& value,
                               std::optional<Address> caller = {}) -> std::string {
    try {
      send(to, value, std::move(caller));
    } catch (const CallError& e) {
      EXPECT_EQ(e.status(), 422) << e.what();
      return e.body();
    }
    ADD_FAILURE() << "accepted " << value.value;
    return "";
  };
  EXPECT_THAT(
      rejected(
          cart_,
          json_value("com.example/AddToCart", R"({"userId":"1","itemId":"socks","quantity":-3})")),
      HasSubstr(
          R"(invalid AddToCart: "quantity" must be an integer from 1 to 2147483647, got -3)"));
  EXPECT_THAT(rejected(cart_, json_value("com.example/AddToCart", R"({"userId":"1"})")),
              HasSubstr(R"(invalid AddToCart: "itemId" must be a string)"));
  EXPECT_THAT(rejected(socks_, json_value("com.example/RequestItem", R"({"quantity":1})")),
              HasSubstr("RequestItem must come from a function (it has no caller to answer)"));
  EXPECT_THAT(rejected(cart_, json_value("com.example/Basket", R"({"basket":{}})")),
              HasSubstr("com.example/user-shopping-cart takes AddToCart, ItemAvailability, "
                        "ClearCart and Checkout, not com.example/Basket"));
  EXPECT_THAT(
      rejected(cart_,
               json_value("com.example/ItemAvailability", R"({"status":"MAYBE","quantity":1})"),
               socks_),
      HasSubstr(R"("status" must be INSTOCK or OUTOFSTOCK, got MAYBE)"));
  EXPECT_THAT(rejected(cart_, json_value("com.example/Checkout", "[1,2")),
              HasSubstr("invalid Checkout: not JSON"));
}

TEST(ReceiptDetails, OneLinePerItemInItemOrder) {
  EXPECT_EQ(receipt_details(Basket{{{"socks", 2}, {"hats", 1}}}), "hats: 1\nsocks: 2");
  EXPECT_EQ(receipt_details(Basket{}), "");
}

}  // namespace
}  // namespace shopping_cart
