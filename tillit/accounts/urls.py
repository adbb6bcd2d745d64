from django.urls import path

from tillit.accounts import views

app_name = "accounts"
urlpatterns = [
    path("logga-in/", views.login_view, name="login"),
    path("logga-ut/", views.logout_view, name="logout"),
    path("tvafaktor/", views.two_factor, name="two_factor"),
    path("anvandare/", views.user_list, name="user_list"),
    path("behorighetsgranskning/", views.access_review, name="access_review"),
]
