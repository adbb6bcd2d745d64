from django.urls import path

from tillit.inbox import views

app_name = "inbox"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/las/", views.mark_read, name="mark_read"),
    path("las-alla/", views.mark_all_read, name="mark_all_read"),
]
